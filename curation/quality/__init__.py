"""Language-aware quality rules for crawled text: encoding errors, error pages, adult/gambling spam, CJK pages."""
