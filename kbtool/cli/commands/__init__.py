"""One module per command: each parses its options, makes one `kbtool.api` call and emits the result."""
