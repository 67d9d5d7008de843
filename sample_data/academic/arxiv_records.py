"""Our own invented arXiv metadata records (Kaggle snapshot fields). Papers 1-3 are the e-prints in
``arxiv_papers.py``; 4-8 exist only as metadata. Abstracts are LaTeX-ish, as arXiv's are."""

RECORDS = [
    {
        "id": "2601.00001", "submitter": "Ana Luisa Ferreira",
        "authors": "Ana Lu\\'isa Ferreira and Tom\\'a\\v{s} Nov\\'ak",
        "parsed": [["Ferreira", "Ana Luísa", ""], ["Novák", "Tomáš", ""]],
        "title": "Estimating Spring Arrival Dates of Migratory Birds from Volunteer Checklists",
        "comments": "9 pages, 1 figure", "journal-ref": None, "doi": None, "categories": "q-bio.PE stat.AP",
        "license": "http://creativecommons.org/licenses/by/4.0/", "created": ["Thu, 1 Jan 2026 09:00:00 GMT"],
        "abstract": (
            "Volunteer birdwatchers submit millions of checklists every spring, yet turning them into a "
            "reliable arrival date for a species at a given site is harder than it looks. Observers visit "
            "more often on warm weekends, rare early birds are reported with great enthusiasm, and the "
            "number of checklists grows year after year. We describe a simple estimator that models the "
            "probability of detecting a species on a checklist as a logistic function of the day of the "
            "year, corrected for observer effort. On twelve years of invented but realistic data for the "
            "barn swallow, the estimator recovers the true arrival date within three days in most years, "
            "while the naive first-sighting date is biased early by more than a week."),
    },
    {
        "id": "2601.00002", "submitter": "Priya Raman", "authors": "Priya Raman and Jonas Weber",
        "parsed": [["Raman", "Priya", ""], ["Weber", "Jonas", ""]],
        "title": "Cache-Aware Merging of Many Sorted Runs",
        "comments": "12 pages", "journal-ref": None, "doi": None, "categories": "cs.DS cs.DB",
        "license": "http://arxiv.org/licenses/nonexclusive-distrib/1.0/",
        "created": ["Fri, 2 Jan 2026 10:30:00 GMT", "Mon, 12 Jan 2026 08:15:00 GMT"],
        "abstract": (
            "External sorting ends with a merge of many sorted runs, and when the runs no longer fit in the "
            "processor cache the merge becomes the slowest phase of the whole sort. We present "
            "\\textsc{TileMerge}, a merge that groups the runs into tiles whose heads fit in the cache "
            "together, merges each tile with a small tournament tree and then merges the tile outputs. The "
            "number of cache misses drops from one per element to about $1/B$ per element for up to a few "
            "thousand runs, and the merge becomes twice as fast on the machines we measured. The method needs no "
            "tuning beyond the choice of a tile width, and that choice turns out to be forgiving."),
    },
    {
        "id": "2601.00003", "submitter": "Fatima El Amrani", "authors": "Fatima El Amrani and Diego Su\\'arez",
        "parsed": [["El Amrani", "Fatima", ""], ["Suárez", "Diego", ""]],
        "title": "How Long Do Semi-Arid Grassland Soils Remember a Wet Month?",
        "comments": None, "journal-ref": None, "doi": None, "categories": "physics.geo-ph physics.ao-ph",
        "license": None, "created": ["Sat, 3 Jan 2026 14:00:00 GMT"],
        "abstract": (
            "Soil moisture in dry grasslands keeps a memory of past rain that outlasts the rain itself by "
            "weeks. We measure that memory at four invented field stations with a simple lagged correlation "
            "and show that it is longest after wet spring months and shortest in midsummer. At thirty "
            "centimetres the memory after a wet April reaches thirty to forty-five days, while in July it "
            "falls to little more than a week because evaporation removes the stored water so quickly. "
            "Sandy stations forget faster than clay stations in every season.\n"
            "We argue that drought monitoring should carry this memory forward explicitly: a wet spring "
            "still supports grass growth weeks after the rain has stopped, and forecasts that ignore the "
            "stored water are systematically too pessimistic about early summer pasture."),
    },
    {
        "id": "2601.00004", "submitter": "Lena Hoffmann", "authors": "Lena Hoffmann, Karim Mansour",
        "parsed": [["Hoffmann", "Lena", ""], ["Mansour", "Karim", ""]],
        "title": "Counting Lattice Paths that Avoid a Moving Wall",
        "comments": "18 pages", "journal-ref": "Journal of Invented Combinatorics 4 (2026) 1-18",
        "doi": "10.5555/jic.2026.001", "categories": "math.CO",
        "license": "http://arxiv.org/licenses/nonexclusive-distrib/1.0/", "created": ["Sun, 4 Jan 2026 11:20:00 GMT"],
        "abstract": (
            "We count lattice paths with unit steps north and east from the origin to the point $(n, n)$ "
            "that never touch a wall which moves one unit to the right every $r$ steps. For $r = 1$ the "
            "wall is the diagonal and the count is the Catalan number $C_n$; for larger $r$ the wall falls "
            "behind the paths and more of them survive. We give a closed formula as a sum of $r$ binomial "
            "terms, prove it with a reflection argument adapted to a wall that moves, and show that the "
            "generating function is algebraic of degree $r + 1$. As $n \\to \\infty$ the fraction of "
            "surviving paths tends to $1 - 1/r$, which we also derive directly from a random-walk argument. "
            "The same method counts paths that avoid two walls moving at different speeds."),
    },
    {
        "id": "2601.00005", "submitter": "Marta Kowalska", "authors": "Marta Kowalska and Jean-Fran\\c{c}ois Roux",
        "parsed": [["Kowalska", "Marta", ""], ["Roux", "Jean-François", ""]],
        "title": "Confidence Intervals for a Median from Rounded Measurements",
        "comments": "Submitted", "journal-ref": None, "doi": None, "categories": "stat.ME",
        "license": None, "created": ["Mon, 5 Jan 2026 16:45:00 GMT"],
        "abstract": (
            "Many measurements are recorded to the nearest whole unit: a body weight to the nearest kilogram, "
            "a waiting time to the nearest minute, a temperature to the nearest degree. The usual "
            "distribution-free confidence interval for a median is built from order statistics and assumes "
            "that ties cannot occur, so rounded data give intervals whose coverage is far from the nominal "
            "level. We show that treating each rounded value as an interval and inverting a sign test on "
            "those intervals restores the correct coverage. The resulting interval is never shorter than "
            "the rounding unit, which is the honest answer when the data cannot say more. In simulations "
            "with samples of twenty to two hundred observations, the coverage of the new interval stays "
            "between 94 and 96 percent for a nominal 95 percent, while the classical interval drops to 80 "
            "percent when the rounding unit is large compared with the spread of the data."),
    },
    {
        "id": "2601.00006", "submitter": "Aiko Tanaka", "authors": "Aiko Tanaka, Samuel Okafor and Ingrid Berg",
        "parsed": [["Tanaka", "Aiko", ""], ["Okafor", "Samuel", ""], ["Berg", "Ingrid", ""]],
        "title": "Which Words Do Readers Skip? Eye Movements on Simplified\n  News Articles",
        "comments": "Accepted at an invented workshop", "journal-ref": None, "doi": None, "categories": "cs.CL",
        "license": "http://creativecommons.org/licenses/by-sa/4.0/", "created": ["Tue, 6 Jan 2026 07:10:00 GMT"],
        "abstract": (
            "Readers do not fixate every word. Short, frequent and predictable words are often skipped, and "
            "simplified texts for language learners are written with many such words. We recorded the eye "
            "movements of sixty readers, thirty native speakers and thirty learners, on original and "
            "simplified versions of twenty news articles. Learners skipped fewer words than native speakers "
            "on both versions, but the gap was smaller on the simplified texts, mostly because simplification "
            "made function words more predictable. A model that predicts skipping from word length, "
            "frequency and the probability assigned by a small language model explains most of the "
            "difference. We discuss what this means for the design of graded readers and for readability "
            "formulas that count words but ignore how they are actually read."),
    },
    {
        "id": "2601.00007", "submitter": "Rafael Costa", "authors": "Rafael Costa",
        "parsed": [["Costa", "Rafael", ""]],
        "title": "Tidal Heating of a Small Moon on an Eccentric Orbit",
        "comments": "7 pages, 3 figures", "journal-ref": None, "doi": None, "categories": "astro-ph.EP",
        "license": "http://arxiv.org/licenses/nonexclusive-distrib/1.0/", "created": ["Wed, 7 Jan 2026 13:30:00 GMT"],
        "abstract": (
            "A moon on an eccentric orbit is squeezed and released once per orbit, and the friction inside "
            "it turns part of that work into heat. We compute the heating of an invented icy moon with a "
            "radius of 250 kilometres, an eccentricity $e = 0.02$ and an orbital period of two days, using "
            "a Maxwell model for the ice with a viscosity between $10^{13}$ and $10^{15}$ pascal seconds. "
            "The heating peaks when the Maxwell time of the ice is close to the orbital period and can then "
            "keep a thin subsurface ocean from freezing. Outside that narrow range the heating is too weak. "
            "We show how the peak moves when the ice warms, which makes the coupled thermal and orbital "
            "evolution self-regulating over a few hundred million years, and we list the observations "
            "that could tell the two regimes apart."),
    },
    {
        "id": "2601.00008", "submitter": "Grace Mensah", "authors": "Grace Mensah and Olivier Dubois",
        "parsed": [["Mensah", "Grace", ""], ["Dubois", "Olivier", ""]],
        "title": "Mobile Money and the Timing of Household Purchases",
        "comments": None, "journal-ref": None, "doi": None, "categories": "econ.GN",
        "license": "http://creativecommons.org/licenses/by-nc-sa/4.0/", "created": ["Thu, 8 Jan 2026 10:00:00 GMT"],
        "abstract": (
            "When wages arrive on a phone instead of in cash, households can spread their spending over the "
            "month instead of buying everything on payday. Using invented survey diaries from eight hundred "
            "households in two market towns, we compare the timing of food and fuel purchases before and "
            "after employers switched to mobile payments. Spending became noticeably smoother: the share of "
            "monthly food purchases made in the first week after payday fell from 46 to 31 percent, and "
            "households reported fewer days without cooking fuel at the end of the month. The effect was "
            "largest for households far from a bank branch. We discuss why smoother spending matters for "
            "nutrition and why the gains depend on shops accepting mobile payments as well."),
    },
]
