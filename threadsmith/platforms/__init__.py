"""One module per network behind the small `Publisher` protocol in `base`."""
