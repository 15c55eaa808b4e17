// Pre-fills the port from the security choice, unless the admin typed a port of their own.
(() => {
    const security = document.querySelector('select[data-port-field]');
    if (!security) return;
    const port = document.getElementById(security.dataset.portField);
    const usualPorts = Array.from(security.options).map(o => o.dataset.port);
    const fill = () => {
        const chosen = security.selectedOptions[0].dataset.port;
        port.placeholder = chosen;
        if (port.value === '' || usualPorts.includes(port.value)) port.value = chosen;
    };
    security.addEventListener('change', fill);
    if (port.value === '') fill();
})();
