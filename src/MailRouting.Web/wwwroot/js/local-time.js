// Shows each <time data-local> in the browser's own time zone; the page itself says UTC, which stays without script.
const formats = {
    minutes: new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }),
    seconds: new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' }),
};
const localize = () => document.querySelectorAll('time[data-local]').forEach(time => {
    const at = new Date(time.dateTime);
    if (Number.isNaN(at.getTime())) return;
    time.title ||= time.textContent;
    time.textContent = (formats[time.dataset.local] ?? formats.minutes).format(at);
});
document.addEventListener('page-updated', localize);
document.addEventListener('content-added', localize);
localize();
