"""Original prose for make_qa_books_wiki_samples.py: cooking Q&A, two short books, wiki articles."""
