"""Already-extracted plain-text documents for jsonl/docs.jsonl (forum Q&A dump) and
parquet/docs.parquet (short knowledge-base entries). Every text is original.
"""

# (slug, title, text); the jsonl writer adds id and url. "Q:" / "A:" mimic a Q&A dump.
FORUM = [
    ("sourdough-smells-like-acetone", "Sourdough starter smells like nail polish remover",
     "Q: My sourdough starter has started smelling sharp, almost like nail polish remover. Is it "
     "ruined?\n\nA: It is almost certainly just hungry. When the yeast and bacteria run out of food "
     "they produce more acetic acid and other sharp-smelling compounds. Feed it more often, or use "
     "a bigger feed, for example one part starter to two parts flour and two parts water. Within a "
     "few days the smell should turn mild and yeasty again. Only throw it away if you see fuzzy "
     "mould or pink and orange streaks."),
    ("chain-slips-under-load", "Bicycle chain keeps slipping when I pedal hard",
     "Q: When I stand up on the pedals the chain jumps and I nearly fall off. Gears are indexed and "
     "seem fine when I pedal gently.\n\nA: Slipping under load usually means the chain and the rear "
     "sprockets are worn. A stretched chain no longer sits properly on the teeth. Measure it with a "
     "chain checker; if it is past 0.75 per cent wear, replace it, and be prepared to replace the "
     "cassette too, because a new chain often skips on old sprockets. If the wear is fine, check the "
     "cable tension and the rear derailleur hanger, which bends easily if the bike falls over."),
    ("list-vs-tuple", "Python: what is the actual difference between a list and a tuple?",
     "Q: Both hold a sequence of items. When should I use one rather than the other?\n\nA: A list "
     "is mutable, so you can append, remove and change items. A tuple is immutable once created. "
     "Because of that, tuples can be used as dictionary keys and set members, while lists cannot. "
     "A common convention is to use lists for collections of similar things whose length may "
     "change, and tuples for fixed records where each position has a meaning, such as a pair of "
     "coordinates. Tuples are also slightly smaller in memory."),
    ("laptop-always-plugged-in", "Is it bad to keep a laptop plugged in all the time?",
     "Q: I use my laptop at a desk and it is charging constantly. Will that kill the battery?\n\nA: "
     "Lithium-ion batteries age faster when they sit at a full charge and when they are warm. "
     "Modern laptops manage this quite well, and many have a setting that stops charging at around "
     "80 per cent. Turn that on if you have it. Keeping the vents clear helps too. Leaving it "
     "plugged in will not cause sudden damage, but over a couple of years the capacity may drop a "
     "little faster than it would with the limit enabled."),
    ("learn-touch-typing-adult", "Best way to learn touch typing as an adult?",
     "Q: I have typed with four fingers for twenty years. Is it worth learning properly, and how?"
     "\n\nA: It is worth it if you type a lot. Expect to be slower for two or three weeks. Practise "
     "fifteen to twenty minutes a day with a free typing tutor, keep your eyes on the screen and "
     "resist the urge to look down. Accuracy first, speed later. Most people who stick with it "
     "overtake their old speed within a month or two, and their hands feel less tense."),
    ("why-cats-knead", "Why do cats knead blankets?",
     "Q: My cat pushes her paws in and out on my jumper before lying down. What is she doing?\n\nA: "
     "Kneading starts in kittenhood, when kittens press on their mother to encourage milk to flow. "
     "Many adult cats keep the habit when they feel relaxed and content. It may also flatten a "
     "sleeping spot and leave scent from glands in the paws, marking you and the blanket as "
     "familiar. If the claws are a problem, put a thick folded towel on your lap."),
    ("paint-over-new-plaster", "How long before I can paint fresh plaster?",
     "Q: We had a wall skimmed last week. When can we paint it?\n\nA: Wait until the plaster has "
     "changed from dark pink or brown to an even pale colour all over, with no darker patches. "
     "For a thin skim coat in a warm, ventilated room that often takes one to two weeks, longer in "
     "winter. Then apply a mist coat, which is ordinary matt emulsion thinned with water, so that "
     "the thirsty plaster does not suck the paint off the surface. After that, paint as normal."),
    ("git-undo-last-commit", "Git: undo the last commit but keep my changes",
     "Q: I committed too early and want to add more files to the same commit. How do I undo it "
     "without losing work?\n\nA: Run git reset --soft HEAD~1. The commit disappears but all your "
     "changes stay staged, ready to commit again. If you have not pushed yet and simply want to add "
     "files to the last commit, it is even easier: stage the extra files and run git commit "
     "--amend. Avoid rewriting commits that other people have already pulled."),
    ("tomatoes-north-balcony", "Can I grow tomatoes on a north-facing balcony?",
     "Q: My balcony gets maybe two hours of direct sun in summer. Any chance with tomatoes?\n\nA: "
     "Honestly, tomatoes will struggle. They want six or more hours of sun to ripen well. You "
     "might get a few cherry tomatoes from a compact variety in a warm year. Leafy crops are a "
     "better bet in shade: lettuce, spinach, chard, parsley, mint and chives all cope with a few "
     "hours of light and will give you far more to eat."),
    ("what-does-al-dente-mean", "What does al dente actually mean?",
     "Q: Recipes say to cook pasta al dente. How do I know when it is right?\n\nA: The phrase means "
     "to the tooth in Italian. The pasta should be cooked through but still offer a slight "
     "resistance when you bite it. Start tasting a minute or two before the time on the packet. "
     "If you bite a piece and see a thin chalky white line in the middle, it needs a little "
     "longer. Remember that pasta keeps softening for a minute after draining, especially if you "
     "finish it in the sauce."),
    ("noise-cancelling-how", "How do noise-cancelling headphones work?",
     "Q: How can headphones remove sound by adding sound?\n\nA: Small microphones pick up the "
     "noise around you. A chip then produces a sound wave that is the mirror image of that noise, "
     "with peaks where the noise has troughs. When the two waves meet in your ear they largely "
     "cancel out. The method works best on steady, low-pitched sounds such as engine rumble. "
     "Sudden or high-pitched sounds, like voices, change too quickly, so the padding of the ear "
     "cups does most of the work there."),
    ("why-is-the-sea-salty", "Why is the sea salty but rivers are not?",
     "Q: Rivers flow into the sea, so why is one fresh and the other salty?\n\nA: Rivers do carry "
     "small amounts of dissolved salts, picked up as rain slowly weathers rocks. The amounts are "
     "too small to taste. When river water reaches the ocean, the water eventually evaporates, but "
     "the salts stay behind. Over hundreds of millions of years the salt has built up to about 35 "
     "grams per litre. Underwater volcanic vents add some minerals as well."),
    ("wasserkocher-entkalken", "Wie entkalke ich meinen Wasserkocher am besten?",
     "F: In meinem Wasserkocher hat sich eine dicke weiße Schicht gebildet. Was hilft wirklich?\n\n"
     "A: Am einfachsten ist Zitronensäure aus der Drogerie. Zwei Esslöffel in einem halben Liter "
     "Wasser auflösen, kurz aufkochen und eine halbe Stunde einwirken lassen. Danach ausgießen und "
     "zweimal mit klarem Wasser nachkochen. Essig funktioniert auch, riecht aber stark. Wer sehr "
     "hartes Wasser hat, sollte das alle zwei bis drei Wochen wiederholen."),
    ("arroz-cocido-nevera", "¿Cuánto tiempo se puede guardar el arroz cocido en la nevera?",
     "P: Siempre me sobra arroz y no sé cuánto dura.\n\nR: Lo recomendable es enfriarlo rápido, "
     "extendiéndolo en una fuente, y meterlo en la nevera antes de que pase una hora. Así se "
     "conserva bien uno o dos días. El arroz cocido que se deja mucho tiempo a temperatura ambiente "
     "puede desarrollar toxinas de una bacteria que resisten el recalentado, por eso conviene no "
     "dejarlo en la encimera toda la tarde."),
    ("percentage-increase", "How do I calculate a percentage increase?",
     "Q: My rent went from 800 to 860. What percentage increase is that?\n\nA: Subtract the old "
     "value from the new one, divide by the old value and multiply by 100. Here that is 60 divided "
     "by 800, which is 0.075, so the increase is 7.5 per cent. A common mistake is to divide by the "
     "new value instead of the old one."),
    ("why-is-the-sea-salty-repost", "Why is the sea salty but rivers are not?",
     None),  # exact copy of why-is-the-sea-salty (planted duplicate), text filled in by the writer
    ("thanks-fixed", "Re: printer offline after update",
     "Thanks, that fixed it!"),
    ("buy-followers", "BUY FOLLOWERS CHEAP",
     "Buy followers cheap!!! Buy followers cheap!!! Buy followers cheap!!! 10000 followers for 5 "
     "dollars!!! Buy followers cheap!!! Buy followers cheap!!! Click the link in my profile!!!"),
    ("why-onions-make-you-cry", "Why do onions make you cry?",
     "Q: Is there any real trick to chopping onions without crying?\n\nA: Cutting an onion breaks "
     "its cells, and enzymes inside produce a volatile compound that drifts up and irritates your "
     "eyes, which respond with tears. Chilling the onion for half an hour slows the reaction. A very "
     "sharp knife crushes fewer cells. Working near an extractor fan or an open window carries the "
     "vapour away."),
    ("weather-vs-climate", "What is the difference between weather and climate?",
     "Q: People say a cold winter disproves global warming. Is that right?\n\nA: Weather is what "
     "happens over hours and days: today's rain, next week's heatwave. Climate is the pattern of "
     "weather averaged over decades. A single cold winter is weather, and it can happen in a "
     "warming climate, just as one bad day does not change your average over a year. Climate "
     "trends show up when you compare thirty-year averages."),
]

# Ground-truth tags for forum entries (by slug); entries not listed are decent English Q&A.
FORUM_TAGS = {
    "wasserkocher-entkalken": {"language": "de"},
    "arroz-cocido-nevera": {"language": "es"},
    "why-is-the-sea-salty-repost": {"duplicate_of_slug": "why-is-the-sea-salty"},
    "thanks-fixed": {"kind": "thin"},
    "buy-followers": {"kind": "spam"},
}

# (doc_id, link, content) for parquet/docs.parquet
KB = [
    ("kb-0001", "https://kb.example/wiki/Albedo",
     "Albedo is the fraction of incoming sunlight that a surface reflects. Fresh snow reflects most "
     "of the light that falls on it and has a high albedo, while dark ocean water absorbs most light "
     "and has a low albedo. Changes in albedo matter for climate: when bright sea ice melts and is "
     "replaced by dark water, more sunlight is absorbed, which causes further warming."),
    ("kb-0002", "https://kb.example/wiki/Algorithm",
     "An algorithm is a finite sequence of precise steps for solving a problem or carrying out a "
     "task. A cooking recipe is an everyday example, although computer scientists usually mean "
     "procedures that a machine can follow exactly. Algorithms are compared by how much time and "
     "memory they need as the size of the input grows."),
    ("kb-0003", "https://kb.example/wiki/Antibody",
     "An antibody is a Y-shaped protein produced by B cells of the immune system. Each antibody "
     "recognises a specific molecule, called an antigen, usually found on the surface of a virus or "
     "bacterium. By binding to it, antibodies can block the germ from entering cells and mark it for "
     "destruction by other immune cells."),
    ("kb-0004", "https://kb.example/wiki/Bandwidth",
     "In computing, bandwidth is the maximum rate at which data can be transferred over a connection, "
     "usually measured in bits per second. It is often confused with latency, which is the delay "
     "before data begins to arrive. A connection can have high bandwidth and still feel slow if its "
     "latency is large."),
    ("kb-0005", "https://kb.example/wiki/Catalyst",
     "A catalyst is a substance that speeds up a chemical reaction without being used up by it. It "
     "works by providing an alternative pathway with a lower activation energy. Enzymes are the "
     "catalysts of living cells, and the catalytic converter in a car uses metals such as platinum to "
     "turn harmful exhaust gases into less harmful ones."),
    ("kb-0006", "https://kb.example/wiki/Compound_interest",
     "Compound interest is interest calculated on both the original amount and the interest already "
     "added. If 1000 pounds earns five per cent a year, it grows to 1050 after one year and to 1102.50 "
     "after two, because the second year's interest is also paid on the first year's interest. Over "
     "long periods compounding makes savings, and debts, grow much faster than simple interest."),
    ("kb-0007", "https://kb.example/wiki/Condensation",
     "Condensation is the change of a gas into a liquid. It happens when vapour cools or is "
     "compressed. Dew on grass in the morning and droplets on a cold glass are everyday examples. In "
     "the atmosphere, condensation of water vapour onto tiny particles forms clouds and releases heat."),
    ("kb-0008", "https://kb.example/wiki/Ecosystem",
     "An ecosystem is a community of living organisms together with their physical environment, "
     "interacting as a system. A pond, a forest and a coral reef are all ecosystems. Energy flows "
     "through them from producers such as plants to consumers and decomposers, while nutrients such "
     "as carbon and nitrogen are recycled."),
    ("kb-0009", "https://kb.example/wiki/Entropy",
     "In physics, entropy measures how many microscopic arrangements are consistent with the "
     "large-scale state of a system, and is often described loosely as disorder. The second law of "
     "thermodynamics says that the total entropy of an isolated system never decreases. This is why "
     "heat flows from hot objects to cold ones and not the other way round."),
    ("kb-0010", "https://kb.example/wiki/Erosion",
     "Erosion is the removal and transport of soil and rock by water, wind, ice or gravity. Rivers "
     "carve valleys, waves cut cliffs and glaciers grind out deep basins. Human activities such as "
     "clearing vegetation can speed erosion up dramatically, which is why farmers plant hedges and "
     "cover crops to hold the soil in place."),
    ("kb-0011", "https://kb.example/wiki/Fossil",
     "A fossil is the preserved remains or trace of an organism from the distant past. Most fossils "
     "form when hard parts such as bones and shells are buried in sediment and slowly replaced by "
     "minerals. Footprints, burrows and even fossilised droppings are also fossils, and they tell "
     "scientists how ancient animals lived."),
    ("kb-0012", "https://kb.example/wiki/Glacier",
     "A glacier is a large, slow-moving mass of ice formed from snow that has accumulated and "
     "compacted over many years. Glaciers flow downhill under their own weight, usually a few "
     "centimetres to a few metres a day. As they move they pick up rock and scrape the land, leaving "
     "behind U-shaped valleys and piles of debris called moraines."),
    ("kb-0013", "https://kb.example/wiki/Isotope",
     "Isotopes are forms of the same chemical element that have the same number of protons but "
     "different numbers of neutrons. Carbon-12 and carbon-14 are isotopes of carbon. Some isotopes "
     "are unstable and decay at a steady rate, which lets scientists use them to date ancient "
     "materials."),
    ("kb-0014", "https://kb.example/wiki/Latitude",
     "Latitude describes how far north or south of the equator a place lies, measured in degrees "
     "from 0 at the equator to 90 at the poles. Lines of equal latitude run east to west around the "
     "globe. Together with longitude, which measures position east or west, it gives every location "
     "on Earth a unique pair of coordinates."),
    ("kb-0015", "https://kb.example/wiki/Metaphor",
     "A metaphor is a figure of speech that describes one thing as if it were another, in order to "
     "suggest a likeness between them. Saying that time is a thief does not mean time literally "
     "steals, but that it takes things away from us without asking. Unlike a simile, a metaphor does "
     "not use words such as like or as."),
    ("kb-0016", "https://kb.example/wiki/Osmosis",
     "Osmosis is the movement of water across a partially permeable membrane from a region where the "
     "water is more concentrated to one where it is less concentrated. It explains why a wilted "
     "lettuce leaf becomes crisp again in fresh water, and why red blood cells can swell and burst in "
     "pure water."),
    ("kb-0017", "https://kb.example/wiki/Renewable_energy",
     "Renewable energy comes from sources that are naturally replenished on human timescales, such "
     "as sunlight, wind, flowing water and heat from inside the Earth. Unlike coal, oil and gas, "
     "these sources do not run out, and most produce little or no carbon dioxide while operating. "
     "Their main challenge is variability, which is managed with storage and flexible grids."),
    ("kb-0018", "https://kb.example/wiki/Tide",
     "Tides are the regular rise and fall of sea level caused mainly by the gravitational pull of "
     "the Moon, with a smaller contribution from the Sun. Most coasts have two high tides and two low "
     "tides roughly every day. When the Sun and Moon line up, at new and full moon, their effects "
     "combine to produce especially large spring tides."),
    ("kb-0019", "https://kb.example/wiki/Democracy",
     "Democracy is a system of government in which power rests with the people, who exercise it "
     "directly or through elected representatives. Modern democracies usually combine regular free "
     "elections with protections such as freedom of speech, an independent judiciary and limits on "
     "the power of those in office."),
    ("kb-0020", "https://kb.example/fr/wiki/Photosynthese",  # French
     "La photosynthèse est le processus par lequel les plantes, les algues et certaines bactéries "
     "utilisent l'énergie de la lumière pour fabriquer des sucres à partir de dioxyde de carbone et "
     "d'eau. Elle libère de l'oxygène et constitue la base de presque toutes les chaînes "
     "alimentaires sur Terre."),
    ("kb-0021", "https://kb.example/wiki/Quasar", None),  # planted null content
]
