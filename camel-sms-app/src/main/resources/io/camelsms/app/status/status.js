// camel-sms status page: refreshes the numbers every few seconds. The server renders them into the page, so it reads
// the same without JavaScript; this only fetches the page again and swaps its <main> for the fresh one.
(function () {
    'use strict';
    var REFRESH_MS = 5000;

    function refresh() {
        fetch(window.location.href, {cache: 'no-store', headers: {'Accept': 'text/html'}})
            .then(function (response) {
                if (!response.ok) {
                    throw new Error('HTTP ' + response.status);
                }
                return response.text();
            })
            .then(function (html) {
                var fresh = new DOMParser().parseFromString(html, 'text/html').querySelector('main');
                document.querySelector('main').replaceWith(fresh);
                document.body.setAttribute('data-refreshed-at', fresh.getAttribute('data-generated-at'));
                document.body.removeAttribute('data-refresh-failed');
            })
            .catch(function (error) {
                // the numbers shown stay, marked as not refreshed
                document.body.setAttribute('data-refresh-failed', String(error));
            })
            .then(function () {
                setTimeout(refresh, REFRESH_MS);
            });
    }

    document.body.setAttribute('data-refresh-every', REFRESH_MS + ' ms');
    setTimeout(refresh, REFRESH_MS);
})();
