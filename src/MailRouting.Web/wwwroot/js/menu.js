// On a narrow screen the navigation folds behind a Menu button; without script it simply stays open above the page.
(() => {
    const toggle = document.querySelector('.menu-toggle');
    if (!toggle) return;
    const nav = document.getElementById(toggle.getAttribute('aria-controls'));
    document.body.classList.add('menu-folds');
    toggle.hidden = false;
    toggle.addEventListener('click', () => {
        const open = toggle.getAttribute('aria-expanded') !== 'true';
        toggle.setAttribute('aria-expanded', String(open));
        nav.classList.toggle('open', open);
    });
})();
