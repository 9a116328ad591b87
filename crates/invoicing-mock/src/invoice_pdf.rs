//! The invoice file of `GET /invoice-records/{invoiceId}/file` (R27): a real PDF written with
//! `pdf-writer`, A4, marked as the mock's.
//!
//! The first page holds the heading, the invoice number, when it was issued, the invoicing entity
//! (`issuerName`), the buyer (the title and its tax id), the invoice type and the tax rate; then
//! a table of the lines (document kind, number, billing cycle, product, amount), each negative
//! document indented right under its original (the domain's `shown_lines`, as the details show
//! them), and the total (`amount`, the contract's exact string). Lines that do not fit go on to
//! following pages, each with the table's header again; every page has a footer with its number.
//! Texts are written by [`crate::pdf_text`].

use pdf_writer::{Content, Finish, Pdf, Rect, Ref, TextStr};

use invoicing::invoice_record::shown_lines;

use crate::pdf_text::{fit, TextWriter, CJK, LATIN};
use crate::records::{InvoiceLine, InvoiceRecordDetail, InvoiceType, LineKind};

/// A4 in points.
const PAGE_WIDTH: f32 = 595.28;
const PAGE_HEIGHT: f32 = 841.89;
const LEFT: f32 = 50.0;
const RIGHT: f32 = PAGE_WIDTH - 50.0;
const TOP: f32 = PAGE_HEIGHT - 60.0;
/// The lowest baseline of a table row; the footer is below it.
const BOTTOM: f32 = 70.0;
const FOOTER: f32 = 40.0;
const ROW: f32 = 16.0;
const TABLE_SIZE: f32 = 9.0;
/// How far a negative document's kind is indented under its original.
const INDENT: f32 = 12.0;

/// A column of the lines' table: its left end, width and header.
struct Column {
    x: f32,
    width: f32,
    header: &'static str,
}

const KIND: Column = Column {
    x: LEFT,
    width: 80.0,
    header: "类型 Kind",
};
const NUMBER: Column = Column {
    x: 132.0,
    width: 118.0,
    header: "单据编号 Number",
};
const CYCLE: Column = Column {
    x: 254.0,
    width: 56.0,
    header: "账期 Cycle",
};
const PRODUCT: Column = Column {
    x: 314.0,
    width: 136.0,
    header: "产品 Product",
};
/// Right-aligned at [`RIGHT`].
const AMOUNT: Column = Column {
    x: 454.0,
    width: RIGHT - 454.0,
    header: "金额 Amount (CNY)",
};

/// The label of an invoice type, in Chinese and English.
pub fn type_label(t: InvoiceType) -> &'static str {
    match t {
        InvoiceType::GeneralElectronic => "增值税普通发票（电子） General VAT invoice (electronic)",
        InvoiceType::SpecialElectronic => "增值税专用发票（电子） Special VAT invoice (electronic)",
        InvoiceType::SpecialPaper => "增值税专用发票（纸质） Special VAT invoice (paper)",
    }
}

/// The label of a line's document kind.
pub fn kind_label(k: LineKind) -> &'static str {
    match k {
        LineKind::Order => "订单",
        LineKind::Bill => "账单",
        LineKind::Refund => "退款",
        LineKind::AllocationReduction => "分摊冲减",
        LineKind::AdjustmentReduction => "调账冲减",
    }
}

/// The pages as they are drawn.
struct Pages {
    text: TextWriter,
    pages: Vec<Content>,
    /// The baseline of the next row on the last page.
    y: f32,
    invoice_id: String,
}

impl Pages {
    fn page(&mut self) -> &mut Content {
        self.pages.last_mut().expect("a page")
    }

    fn show(&mut self, x: f32, y: f32, size: f32, text: &str) {
        let page = self.pages.last_mut().expect("a page");
        self.text.show(page, x, y, size, text);
    }

    fn show_right(&mut self, right: f32, y: f32, size: f32, text: &str) {
        let page = self.pages.last_mut().expect("a page");
        self.text.show_right(page, right, y, size, text);
    }

    fn rule(&mut self, y: f32, width: f32) {
        self.page()
            .set_line_width(width)
            .move_to(LEFT, y)
            .line_to(RIGHT, y)
            .stroke();
    }

    /// A new page that continues the table: a short heading, then the table's header.
    fn next_page(&mut self) {
        self.pages.push(Content::new());
        let heading = format!(
            "发票明细（续） Invoice lines, continued: {}",
            self.invoice_id
        );
        self.show(LEFT, TOP, 10.0, &heading);
        self.y = TOP - 2.0 * ROW;
        self.table_header();
    }

    fn table_header(&mut self) {
        let y = self.y;
        for c in [&KIND, &NUMBER, &CYCLE, &PRODUCT] {
            self.show(c.x, y, TABLE_SIZE, c.header);
        }
        self.show_right(RIGHT, y, TABLE_SIZE, AMOUNT.header);
        self.rule(y - 5.0, 0.8);
        self.y = y - ROW - 2.0;
    }

    /// Room for `rows` more rows on this page, or a new page.
    fn room_for(&mut self, rows: f32) {
        if self.y - (rows - 1.0) * ROW < BOTTOM {
            self.next_page();
        }
    }

    fn line(&mut self, l: &InvoiceLine, nested: bool) {
        self.room_for(1.0);
        let y = self.y;
        let (kind_x, kind_width) = if !nested {
            (KIND.x, KIND.width)
        } else {
            (KIND.x + INDENT, KIND.width - INDENT)
        };
        let cells = [
            (kind_x, kind_width, kind_label(l.kind)),
            (NUMBER.x, NUMBER.width, l.business_id.as_str()),
            (CYCLE.x, CYCLE.width, l.billing_cycle.as_str()),
            (PRODUCT.x, PRODUCT.width, l.product_name.as_str()),
        ];
        for (x, w, text) in cells {
            self.show(x, y, TABLE_SIZE, &fit(text, TABLE_SIZE, w - 4.0));
        }
        let amount = l.amount.to_string();
        self.show_right(
            RIGHT,
            y,
            TABLE_SIZE,
            &fit(&amount, TABLE_SIZE, AMOUNT.width),
        );
        self.y = y - ROW;
    }

    fn total(&mut self, amount: &str) {
        self.room_for(2.0);
        let y = self.y;
        self.rule(y + ROW - 5.0, 0.8);
        self.show(LEFT, y - 4.0, 11.0, "合计 Total (CNY)");
        self.show_right(RIGHT, y - 4.0, 11.0, amount);
        self.y = y - 2.0 * ROW;
    }

    /// The footer of every page: what it is, and page `n` of `N`.
    fn footers(&mut self) {
        let count = self.pages.len();
        let note = format!(
            "{}  模拟开票系统生成，非真实发票 Made by the invoicing mock, not a real invoice",
            self.invoice_id
        );
        for (i, page) in self.pages.iter_mut().enumerate() {
            self.text.show(page, LEFT, FOOTER, 7.0, &note);
            let number = format!("第 {} / {count} 页 Page {} of {count}", i + 1, i + 1);
            self.text.show_right(page, RIGHT, FOOTER, 7.0, &number);
        }
    }
}

/// The first page's heading and the invoice's fields, with labels in Chinese and English.
fn first_page(p: &mut Pages, r: &InvoiceRecordDetail) {
    p.pages.push(Content::new());
    p.show(LEFT, TOP, 20.0, "发票 Invoice");
    let note = "开票模拟服务 Invoicing mock";
    p.show_right(RIGHT, TOP, 9.0, note);
    p.rule(TOP - 10.0, 1.2);
    let percent = r.tax_rate.percent();
    let fields: [(&str, &str); 9] = [
        (
            "发票号码 Invoice number",
            r.invoice_number.as_deref().unwrap_or("—"),
        ),
        ("开票时间 Issued at", r.issued_at.as_deref().unwrap_or("—")),
        ("开票主体 Invoicing entity", &r.issuer_name),
        ("购买方 Buyer (title)", &r.title),
        (
            "纳税人识别号 Buyer's tax ID",
            r.title_info.tax_id.as_deref().unwrap_or("—"),
        ),
        ("发票类型 Invoice type", type_label(r.invoice_type)),
        ("税率 Tax rate", &percent),
        ("发票申请单号 Invoice ID", &r.invoice_id),
        ("申请编号 Application ID", &r.application_id),
    ];
    let value_x = LEFT + 150.0;
    let mut y = TOP - 34.0;
    for (label, value) in fields {
        p.show(LEFT, y, 10.0, label);
        p.show(value_x, y, 10.0, &fit(value, 10.0, RIGHT - value_x));
        y -= ROW + 2.0;
    }
    p.y = y - ROW;
    p.show(LEFT, p.y, 12.0, "发票明细 Lines");
    p.y -= ROW + 6.0;
    p.table_header();
}

/// The PDF of an invoice; any record renders (one that is not invoiced shows `—` for its
/// number and time), but the mock serves only invoiced ones.
pub fn render(r: &InvoiceRecordDetail) -> Vec<u8> {
    let mut p = Pages {
        text: TextWriter::default(),
        pages: Vec::new(),
        y: TOP,
        invoice_id: r.invoice_id.clone(),
    };
    first_page(&mut p, r);
    for shown in shown_lines(&r.lines) {
        p.line(shown.line, shown.nested);
    }
    p.total(&r.amount.to_string());
    p.footers();

    let catalog = Ref::new(1);
    let tree = Ref::new(2);
    let info = Ref::new(3);
    let mut pdf = Pdf::new();
    let (latin, cjk, mut next) = p.text.write_fonts(&mut pdf, Ref::new(4));
    pdf.catalog(catalog).pages(tree);
    let title = format!(
        "发票 {}",
        r.invoice_number.as_deref().unwrap_or(&r.invoice_id)
    );
    pdf.document_info(info)
        .title(TextStr(&title))
        .creator(TextStr("invoicing-mock"));
    let mut kids = Vec::with_capacity(p.pages.len());
    for content in p.pages {
        let page = next;
        let stream = Ref::new(next.get() + 1);
        next = Ref::new(next.get() + 2);
        kids.push(page);
        let mut w = pdf.page(page);
        w.media_box(Rect::new(0.0, 0.0, PAGE_WIDTH, PAGE_HEIGHT))
            .parent(tree)
            .contents(stream);
        w.resources()
            .fonts()
            .pair(LATIN, latin)
            .pair(CJK, cjk)
            .finish();
        w.finish();
        pdf.stream(stream, &content.finish());
    }
    let count = kids.len() as i32;
    pdf.pages(tree).kids(kids).count(count);
    pdf.finish()
}

/// A name for the `Content-Disposition` of the file: the invoice number's letters, digits,
/// `-`, `_` and `.` (an invoice number is digits), or the invoice id when nothing is left.
pub fn file_name(r: &InvoiceRecordDetail) -> String {
    let safe = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
            .collect()
    };
    let name = r.invoice_number.as_deref().map(safe).unwrap_or_default();
    let name = if name.is_empty() {
        safe(&r.invoice_id)
    } else {
        name
    };
    format!("{name}.pdf")
}
