"""One module per platform: each turns simulated activity into that platform's export files."""
