"""Streamlit side panels. Article text is untrusted: it is only ever shown through `markdown_text`."""
