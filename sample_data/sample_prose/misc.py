"""Spam, thin and odd pages, plus the text used to plant near-duplicates.

Spam bodies are produced by small deterministic functions (they are meant to be repetitive).
"""

# Shared by the two cell-biology lessons, which must NOT be merged by dedup.
SERIES_NOTE = (
    "This lesson is part of our Cell Biology series for students aged fourteen to sixteen. Each "
    "lesson can be read on its own, and the key terms are collected in a glossary at the end of "
    "the series."
)

# Paragraphs appended to republished copies (near-duplicates).
APPENDIX = {
    "photosynthesis_try": """
## Try it yourself

A simple experiment shows photosynthesis in action. Place a sprig of pondweed upside down in a
test tube of water under a bright lamp, and small bubbles of oxygen will stream from the cut stem.
Move the lamp further away and count the bubbles again: the rate drops as the light gets weaker,
just as the limiting factor idea predicts.
""",
    "plate_gps": """
Did you know? Satellite positioning receivers fixed to solid rock can now measure plate motion
directly. Stations in Iceland, which sits on top of the Mid-Atlantic Ridge, show the island being
stretched apart by about two centimetres every year.
""",
    "etoiles_orion": """
Pour aller plus loin : par une nuit claire, loin des lumières de la ville, on peut observer à
l'œil nu la nébuleuse d'Orion, une véritable pouponnière d'étoiles située à environ 1300
années-lumière de nous. Avec de simples jumelles, on y distingue déjà une tache laiteuse.
""",
    "binary_search_reading": """
If you want to practise, write a function that returns the first position of a value in a sorted
list that may contain duplicates. It is a small change to the basic algorithm, and a good test of
whether you really understand how the bounds move.
""",
}

THIN = {
    "gallery": ("Summer gallery", "<h1>Summer gallery</h1>\n<p>Photos coming soon.</p>"),
    "soft404": ("Page not found",
                "<h1>Page not found</h1>\n<p>Sorry, the page you are looking for does not exist or "
                "has been moved.</p>\n<p><a href=\"/\">Back to the home page</a></p>"),
    "login": ("Sign in",
              "<h1>Sign in</h1>\n<form method=\"post\" action=\"/login\">\n"
              "<label for=\"email\">Email</label> <input id=\"email\" name=\"email\" type=\"email\">\n"
              "<label for=\"pw\">Password</label> <input id=\"pw\" name=\"password\" type=\"password\">\n"
              "<label><input type=\"checkbox\" name=\"remember\"> Remember me</label>\n"
              "<button type=\"submit\">Sign in</button>\n</form>\n"
              "<p><a href=\"/reset\">Forgot your password?</a></p>"),
    "coming_soon": ("Shop", "<h1>Shop</h1>\n<p>Coming soon!</p>"),
    "empty_tag": ("Posts tagged: behavioural economics",
                  "<h1>Posts tagged: behavioural economics</h1>\n<p>No posts found.</p>"),
}

NOT_FOUND_HTML = (
    "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>404 Not Found</title>"
    "</head>\n<body><h1>Not Found</h1><p>The requested URL was not found on this server.</p>"
    "<hr><address>nginx</address></body></html>\n"
)

_DESTINATIONS = ["London", "Paris", "New York", "Rome", "Dubai", "Bangkok", "Madrid", "Berlin"]


def spam_keyword_stuffing():
    title = "Cheap Flights | Cheap Flights Deals | Cheapest Flights | Cheap Air Tickets"
    parts = ["<h1>Cheap Flights Cheap Flights Cheap Flights Best Cheap Flights</h1>"]
    for d in _DESTINATIONS:
        parts.append(
            f"<p>cheap flights to {d} cheap flights {d} cheapest flights to {d} {d} cheap flights "
            f"best cheap flights to {d} book cheap flights {d} now cheap tickets {d} cheap air "
            f"tickets to {d} last minute cheap flights {d} cheap flights deals {d}</p>")
    parts.append("<p>cheap hotels cheap car hire cheap holidays cheap flights cheap cheap cheap "
                 "best price guaranteed cheap flights</p>")
    return title, "\n".join(parts)


def spam_repeated_line():
    title = "!!! CONGRATULATIONS YOU ARE A WINNER !!!"
    line = "<p>CLICK HERE TO CLAIM YOUR FREE PRIZE NOW!!! Limited offer, only today!!!</p>"
    parts = ["<h1>YOU HAVE WON!!!</h1>"] + [line] * 60 + ["<p>$$$ FREE $$$ FREE $$$ FREE $$$</p>"]
    return title, "\n".join(parts)


def spam_link_farm():
    title = "Best Links Directory - Casino Bonus Loans Pills Deals"
    heads = ["best online casino", "casino bonus", "payday loans", "fast loans",
             "weight loss pills", "cheap replica watches", "crypto profit", "free spins"]
    tails = ["2024", "no deposit", "instant", "online", "uk", "usa", "today", "review",
             "cheap", "best", "fast", "free"]
    items = []
    for h in heads:
        for t in tails:
            anchor = f"{h} {t}"
            slug = anchor.replace(" ", "-")
            items.append(f"<li><a href=\"https://{slug}.example/?ref=linkfarm\">{anchor}</a></li>")
    body = ("<h1>Best Links Directory</h1>\n<p>Top sites casino loans pills bonus links links "
            "links</p>\n<ul>\n" + "\n".join(items) + "\n</ul>")
    return title, body


def spam_replica_casino():
    title = "Buy Cheap Replica Watches Online Casino Best Price $$$"
    brands = ["rolex", "omega", "cartier", "breitling", "tag"]
    parts = ["<h1>BUY CHEAP REPLICA WATCHES ONLINE CASINO $$$</h1>"]
    for i in range(15):
        b = brands[i % len(brands)]
        parts.append(
            f"<p>&#9733;&#9733;&#9733; BUY CHEAP {b.upper()} REPLICA!!! best price $$$ &gt;&gt;&gt; "
            f"CLICK &gt;&gt;&gt; casino casino casino bonus 100% FREE spins!!! cheap {b} replica "
            f"cheap {b} watch buy {b} replica online casino ### order now ### {i + 1}0% OFF "
            f"$$$ cheap cheap cheap &#9733;&#9733;&#9733;</p>")
    return title, "\n".join(parts)


def spam_doorway():
    title = "Best Plumber Near Me | Emergency Plumber | Cheap Plumber 24/7"
    cities = ["Springfield", "Riverton", "Lakeside", "Fairview", "Greenville", "Oakdale",
              "Hillcrest", "Maplewood"]
    services = ["plumber", "emergency plumber", "drain cleaning"]
    parts = ["<h1>Best Plumber Near Me</h1>"]
    for c in cities:
        for s in services:
            parts.append(
                f"<p>Looking for the best {s} in {c}? Our {s} in {c} is the number one {s} {c} "
                f"service. Cheap {s} {c}, emergency {s} {c}, local {s} near me in {c}. "
                f"Best {s} {c}. Call now!</p>")
    return title, "\n".join(parts)


SPAM = {
    "keyword_stuffing": spam_keyword_stuffing,
    "repeated_line": spam_repeated_line,
    "link_farm": spam_link_farm,
    "replica_casino": spam_replica_casino,
    "doorway": spam_doorway,
}
