"""Original prose for make_qa_books_wiki_samples.py: cooking Q&A, two books (one full-length), wiki articles."""
