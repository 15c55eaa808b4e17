// Pre-fills the port from the security choice, unless the admin typed a port of their own.
const fillPort = (security, always) => {
    const port = document.getElementById(security.dataset.portField);
    const usualPorts = Array.from(security.options).map(o => o.dataset.port);
    const chosen = security.selectedOptions[0].dataset.port;
    port.placeholder = chosen;
    if (always ? port.value === '' || usualPorts.includes(port.value) : port.value === '') port.value = chosen;
};
document.addEventListener('change', event => {
    if (event.target.matches('select[data-port-field]')) fillPort(event.target, true);
});
const fillEmptyPort = () => document.querySelectorAll('select[data-port-field]').forEach(security => fillPort(security, false));
document.addEventListener('page-updated', fillEmptyPort);
fillEmptyPort();
