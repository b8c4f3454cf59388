"""`kbtool serve`: the agent's page and a JSON API over one long-lived searcher.

    run.py            `kbtool serve` from start to Ctrl-C: warnings, announcements, the browser
    app.py            the HTTP server: limits, security headers, routing, errors as JSON
    protocol.py       requests, responses and HTTP errors as plain values
    handlers.py       the API: search, documents, feedback, filters, health
    state.py          what one server process holds: the searcher and its lock, the limiter
    watcher.py        polls the content folders; updates the index and reopens the searcher
    ratelimit.py      token buckets per client (feedback)
    document_html.py  a document body as escaped HTML from the shared Markdown reading
    ticket.py         the plain text "copy for ticket" puts on the clipboard
    assets.py         the page (assets/: HTML, CSS, JavaScript), shipped in the package

Nothing here is imported by `kbtool search` or any other command.
"""
