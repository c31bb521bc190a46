"""The QA review loop: QA reviews in (the upload kind), their effective score, disputes and sign-offs."""
