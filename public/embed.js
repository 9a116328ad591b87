// The example host's script: loads the app's WebAssembly by its stable names, mounts two
// instances, logs their events, and exposes the handles as `window.invoiceHost` (for the
// end-to-end test and for trying things in the console).
import init, { mount } from '/invoice-app.js';

await init({ module_or_path: '/invoice-app_bg.wasm' });

const log = document.getElementById('event-log');

function record(instance, event) {
  const item = document.createElement('li');
  item.dataset.testid = 'event-log-item';
  item.dataset.instance = instance;
  item.dataset.event = event.type;
  item.dataset.detail = JSON.stringify(event.detail);
  item.textContent = `${instance}: ${event.type} ${JSON.stringify(event.detail)}`;
  log.append(item);
}

// The host's way to get the CSRF token: here the profile's, read again when a POST needs it.
async function csrfToken() {
  const response = await fetch('/api/v1/profile', { credentials: 'include' });
  const profile = await response.json();
  return profile.csrfToken;
}

const configs = {
  a: { apiBase: '/api/v1', locale: 'zh-CN', basePath: '/console/billing' },
  b: { apiBase: '/api/v1', locale: 'en', draftKey: 'second', csrfToken: csrfToken },
};

// `mountApp` is the module's own `mount`, for mounting more instances from the console.
const host = { handles: {}, configs, mountApp: mount };
for (const name of ['a', 'b']) {
  const element = document.getElementById(`app-${name}`);
  element.addEventListener('invoice:submitted', (e) => record(name, e));
  element.addEventListener('invoice:session-expired', (e) => record(name, e));
  host.handles[name] = mount(element, configs[name]);
}

host.mount = (name) => {
  if (!host.handles[name] || !host.handles[name].mounted) {
    host.handles[name] = mount(document.getElementById(`app-${name}`), configs[name]);
  }
};
host.unmount = (name) => {
  if (host.handles[name]) {
    host.handles[name].unmount();
  }
};
window.invoiceHost = host;

const toggle = document.getElementById('toggle-a');
toggle.addEventListener('click', () => {
  if (host.handles.a.mounted) {
    host.unmount('a');
    toggle.textContent = 'Mount A';
  } else {
    host.mount('a');
    toggle.textContent = 'Unmount A';
  }
});

const localeA = document.getElementById('locale-a');
localeA.addEventListener('click', () => {
  const next = host.handles.a.locale === 'en' ? 'zh-CN' : 'en';
  host.handles.a.setLocale(next);
  configs.a.locale = next;
  localeA.textContent = next === 'en' ? 'A in Chinese' : 'A in English';
});
document.body.dataset.hostReady = 'true';
