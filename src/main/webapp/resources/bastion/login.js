// The sign-in page's behaviour, in a file of its own: the console's Content-Security-Policy runs no inline script.
if (location.search.indexOf('failed') >= 0) {
    document.getElementById('failed').hidden = false;
}
// Back to the page that needed the sign-in (an application's authorization request); the server checks it.
var back = new URLSearchParams(location.search).get('return');
if (back) {
    document.getElementById('return').value = back;
}
