// The sign-in page's one behaviour, in a file of its own: the console's Content-Security-Policy runs no inline script.
if (location.search.indexOf('failed') >= 0) {
    document.getElementById('failed').hidden = false;
}
