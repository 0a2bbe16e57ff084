"""What differs between operating systems, behind small Qt-free functions.

Each module here keeps the OS calls in small named functions, so that a
Windows or macOS adapter replaces one function, not a feature.
"""
