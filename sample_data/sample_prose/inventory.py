"""What the sample crawl contains: which article goes on which site and URL, and what is planted.

Read by ../make_sample_data.py. Site keys are defined in sites.py, article keys in the prose modules.
"""

HTML_LANG = {"dailyharbor": "en-GB", "kitchen": "en-GB", "sabermais": "pt-BR", "zhishi": "zh-CN"}
CONTENT_TYPE = {"mathcorner": "text/html;charset=UTF-8",
                "fournil": "text/html; charset=windows-1252"}

# Original pages: (site, article key, path, kind).
ORIGINALS = [
    ("fieldnotes", "photosynthesis", "/biology/how-photosynthesis-works", "edu"),
    ("dailyharbor", "news_bike_lanes", "/local/2024/03/council-approves-bike-lanes-harbour-road", "web"),
    ("wissen", "de_bienen", "/natur/wie-bienen-kommunizieren", "edu"),
    ("fieldnotes", "mitosis", "/biology/cell-biology/mitosis", "edu"),
    ("savoirs", "fr_ciel_bleu", "/sciences/pourquoi-le-ciel-est-bleu", "edu"),
    ("fieldnotes", "meiosis", "/biology/cell-biology/meiosis", "edu"),
    ("kitchen", "recipe_lentil_soup", "/recipes/red-lentil-soup-lemon-cumin/", "web"),
    ("aula", "es_carbono", "/ciencias/ciclo-del-carbono", "edu"),
    ("fieldnotes", "water_cycle", "/earth/the-water-cycle", "edu"),
    ("appunti", "it_cuore", "/scienze/come-funziona-il-cuore", "edu"),
    ("fieldnotes", "plate_tectonics", "/earth/plate-tectonics", "edu"),
    ("wanderlog", "travel_edinburgh", "/2023/11/three-days-in-edinburgh/", "web"),
    ("sabermais", "pt_cafe", "/historia/historia-do-cafe-no-brasil", "edu"),
    ("fieldnotes", "vaccines", "/biology/how-vaccines-work", "edu"),
    ("kennisbank", "nl_dijken", "/geschiedenis/hoe-dijken-nederland-droog-houden", "edu"),
    ("fieldnotes", "newton", "/physics/newtons-laws-of-motion", "edu"),
    ("gadget", "review_headphones", "/reviews/aurora-x2-wireless-headphones", "web"),
    ("nauka", "ru_solnechnaya", "/kosmos/solnechnaya-sistema", "edu"),
    ("mathcorner", "pythagoras", "/geometry/pythagorean-theorem", "edu"),
    ("zhishi", "zh_yuexiang", "/tianwen/yuexiang.html", "edu"),
    ("mathcorner", "primes", "/number/prime-numbers", "edu"),
    ("starbuzz", "gossip_dinner", "/celebrity/lila-marsh-dev-okonjo-dinner", "web"),
    ("manabi", "ja_jishin", "/rika/jishin-no-shikumi", "edu"),
    ("mathcorner", "probability", "/statistics/intro-to-probability", "edu"),
    ("wissen", "de_jahreszeiten", "/weltall/warum-es-jahreszeiten-gibt", "edu"),
    ("histories", "printing_press", "/early-modern/gutenberg-printing-press", "edu"),
    ("savoirs", "fr_etoiles", "/espace/vie-et-mort-des-etoiles", "edu"),
    ("dailyharbor", "news_library", "/local/2024/03/library-reopens-after-renovation", "web"),
    ("histories", "aqueducts", "/ancient-world/roman-aqueducts", "edu"),
    ("aula", "es_volcan", "/geografia/como-funciona-un-volcan", "edu"),
    ("histories", "silk_road", "/middle-ages/the-silk-road", "edu"),
    ("appunti", "it_rinascimento", "/storia/firenze-rinascimento", "edu"),
    ("devguide", "binary_search", "/algorithms/binary-search", "edu"),
    ("allotment", "blog_allotment", "/2023/10/what-worked-this-year/", "web"),
    ("sabermais", "pt_irracionais", "/matematica/numeros-irracionais", "edu"),
    ("devguide", "hash_tables", "/data-structures/hash-tables", "edu"),
    ("kennisbank", "nl_fiets", "/samenleving/waarom-fietsen-populair", "edu"),
    ("devguide", "recursion", "/tutorials/recursion-explained", "edu"),
    ("nauka", "ru_tok", "/fizika/elektricheskiy-tok", "edu"),
    ("econ101", "supply_demand", "/2023/10/supply-and-demand/", "edu"),
    ("zhishi", "zh_zaozhi", "/lishi/zaozhishu.html", "edu"),
    ("econ101", "inflation", "/2023/10/what-is-inflation/", "edu"),
    ("dailyharbor", "sport_derby", "/sport/2024/03/athletic-late-win-in-derby", "web"),
    ("manabi", "ja_niji", "/rika/niji-no-shikumi", "edu"),
    ("fournil", "fr_levure", "/techniques/comment-la-levure-fait-lever-le-pain.html", "edu"),
]
SPAM_PAGES = [  # (site, spam generator key, path)
    ("spam_flights", "keyword_stuffing", "/cheap-flights-cheap-flights-cheapest.html"),
    ("spam_prize", "repeated_line", "/claim-your-prize-now.php?id=77"),
    ("spam_links", "link_farm", "/links/directory-page-3.html"),
    ("spam_replica", "replica_casino", "/buy-cheap-replica-watches-casino.html"),
    ("spam_plumber", "doorway", "/best-plumber-near-me-springfield-riverton-lakeside.html"),
]
THIN_PAGES = [  # (site, thin key, path)
    ("wanderlog", "gallery", "/gallery/summer-2023/"),
    ("histories", "soft404", "/articles/the-fall-of-byzantium-part-3"),
    ("devguide", "login", "/login?next=/account"),
    ("gadget", "coming_soon", "/shop"),
    ("econ101", "empty_tag", "/tag/behavioural-economics/"),
]
ODD_PAGES = [  # (site, oddity, path)
    ("fieldnotes", "image_png", "/static/img/chloroplast-diagram.png"),
    ("histories", "http_404", "/articles/missing-page"),
    ("devguide", "empty_body", "/api/ping"),
]
# Republished copies: (original article key, site, path, edit operations)
NEAR_DUPS = [
    ("photosynthesis", "eduresources", "/science/biology/photosynthesis-explained-12345",
     [("append", "photosynthesis_try")]),
    ("vaccines", "newsmirror", "/health/2024/03/09/how-vaccines-teach-the-immune-system",
     [("date", "9 March 2024")]),
    ("supply_demand", "aggregator", "/learn/supply-and-demand-how-markets-set-prices",
     [("replace", "punnet of strawberries", "box of strawberries"), ("replace", "petrol", "gasoline"),
      ("replace", "breakfast cereal", "cereal"), ("replace", "comes to town", "arrives in town")]),
    ("plate_tectonics", "aggregator", "/learn/why-the-continents-move",
     [("date", "2 February 2024"),
      ("replace", "roughly the rate at which your fingernails grow",
       "about as fast as your fingernails grow")]),
    ("plate_tectonics", "eduresources", "/science/geology/plate-tectonics-for-kids",
     [("append", "plate_gps")]),
    ("recipe_lentil_soup", "recipemirror", "/soups/red-lentil-soup",
     [("replace", "tablespoons", "tbsp"), ("replace", "teaspoons", "tsp")]),
    ("de_bienen", "lernportal", "/biologie/tanzsprache-der-bienen", [("date", "2. Februar 2024")]),
    ("fr_etoiles", "partage", "/espace/la-vie-et-la-mort-des-etoiles", [("append", "etoiles_orion")]),
    ("binary_search", "codemirror", "/python/binary-search-guide",
     [("replace", "Imagine looking", "Think about looking"),
      ("replace", "surprisingly easy", "remarkably easy"), ("append", "binary_search_reading")]),
]
# Byte-identical copies under URL variants: (original article key, variant type, url transform)
EXACT_DUPS = [
    ("water_cycle", "tracking_params",
     lambda u: u + "?utm_source=newsletter&utm_medium=email&utm_campaign=spring_digest"),
    ("primes", "http_scheme", lambda u: "http://" + u.split("://", 1)[1]),
    ("news_bike_lanes", "no_www", lambda u: u.replace("://www.", "://", 1)),
    ("es_volcan", "fragment", lambda u: u + "#erupciones"),
]
MUST_NOT_MERGE = [("mitosis", "meiosis"), ("binary_search", "hash_tables"),
                  ("supply_demand", "inflation"), ("de_bienen", "de_jahreszeiten"),
                  ("news_bike_lanes", "news_library")]
