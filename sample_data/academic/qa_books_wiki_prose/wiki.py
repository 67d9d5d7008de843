"""Invented encyclopedia pages in MediaWiki markup for a small ``pages-articles`` dump.

Every sentence was written for this project. The markup is the usual mix: infobox and citation
templates, piped links and link trails, <ref> footnotes, a wikitable, files, categories,
interlanguage links, comments, entities, lists, bold and italics, and the sections a reader is
expected to drop (References, See also, External links). Besides the ``ARTICLES`` the dump has two
redirects (one with a <redirect> element, one with only #REDIRECT text), a disambiguation page and
a talk page (namespace 1). Each entry: (page id, namespace, title, revision id, timestamp, text).
"""

LIGHTHOUSE = """{{Short description|Tower that guides ships with a light}}
{{Infobox building
| name = Lighthouse
| image = Harbour light.jpg
| built = {{circa|280 BC}} (earliest recorded)
}}
A '''lighthouse''' is a tower or other structure that carries a bright light to help [[ship]]s and
[[boat]]s find their way at night and in poor weather.<ref name="keepers">{{cite book |title=Keepers of the Coast |year=1998}}</ref>
Lighthouses mark dangerous [[coast]]lines, [[reef]]s and harbour entrances, and each one shows its own
pattern of flashes, known as its ''characteristic'', so that a navigator can tell which light is in sight.

== History ==
The earliest lights were simply fires burning on hilltops or on platforms near a harbour. Over the
centuries these were replaced by towers with [[candle]]s, then [[oil lamp]]s with reflectors. In the
nineteenth century the [[Fresnel lens]], a lens built from rings of glass prisms, made it possible to
send a narrow, powerful beam more than {{convert|20|nmi|km}} out to sea.<ref>Lens makers' catalogue, 1851.</ref>
Lights were tended by resident '''keepers''', who trimmed the wicks, wound the clockwork that turned
the lens and kept a log of the weather and passing ships.

[[File:Fresnel lens rings.png|thumb|left|Rings of prisms in a large lens]]

== Automation ==
From the middle of the twentieth century most lights were automated. Electric lamps, automatic lamp
changers and later solar panels removed the need for a keeper to live on site. Many former keepers'
cottages are now museums or holiday homes, and some towers have been replaced by simple steel masts.

{| class="wikitable"
|-
! Period !! Light source !! Typical range
|-
| Ancient || Open fire || a few miles
|-
| 1800s || Oil lamp and lens || 20 miles
|}

== Characteristics ==
A light's characteristic can include:
* fixed light, which shines steadily;
* flashing light, with short flashes separated by longer periods of darkness;
* occulting light, which is on for longer than it is off.
Charts list the characteristic of every light, so a navigator can count the flashes and find the
ship's position.<!-- add a table of common codes -->

== See also ==
* [[Lightvessel]]
* [[List of lighthouses]]

== References ==
{{reflist}}

[[Category:Lighthouses| ]]
[[Category:Navigation]]
[[de:Leuchtturm]]
[[fr:Phare]]"""

BEEKEEPING = """{{Redirect|Apiculture|the journal|Apiculture Review}}
'''Beekeeping''' (or '''apiculture''') is the keeping of [[honey bee]] colonies, usually in
man-made [[beehive|hives]], by people called beekeepers. Bees are kept for their [[honey]] and
[[beeswax]], and increasingly for the [[pollination]] of crops such as [[apple]]s, [[almond]]s
and [[oilseed rape]].<ref>{{cite journal |journal=Bee World |year=2005}}</ref>

== Colonies ==
A colony contains a single '''queen''', which lays the eggs, several thousand female
'''workers''' and, in summer, a few hundred males called '''drones'''. Workers do all the
other tasks of the colony: they build [[wax]] comb, feed the young, guard the entrance and
forage for [[nectar]] and [[pollen]]. A strong colony in midsummer may hold fifty thousand bees.

== Hives ==
Modern hives are made of stacked wooden boxes holding removable frames, an idea made practical in
the nineteenth century once beekeepers understood the ''bee space'', a gap of about
{{convert|8|mm|in}} that bees leave open rather than filling with comb. Because the frames can be
lifted out, a beekeeper can inspect the colony for disease, check that the queen is laying and
take honey without destroying the nest.<ref name="space">Hive design notes.</ref>

[[Image:Frame of capped honey.jpg|thumb|A frame of capped honey]]

== Seasonal work ==
# In spring the beekeeper checks that each colony has survived the winter and has enough food.
# In early summer, colonies are watched for signs of [[swarming]], when the old queen leaves with half of the workers.
# In late summer the honey is harvested and the colonies are treated against [[Varroa]] mites.
# In autumn the hives are made weatherproof and fed with sugar syrup if stores are low.
Keeping records of each inspection helps the beekeeper notice problems early &mdash; a colony
that is short of stores or without a laying queen rarely recovers without help.

== External links ==
* [http://bees.example/ Bee association]

[[Category:Beekeeping]]
[[Category:Agriculture]]"""

TIDE_POOL = """{{Infobox ecosystem|name=Tide pool|type=Marine}}
A '''tide pool''' or '''rock pool''' is a shallow pool of [[seawater]] left behind on a rocky
shore when the [[tide]] goes out. Tide pools are home to many hardy animals and plants, such as
[[sea anemone]]s, [[barnacle]]s, [[limpet]]s, small [[crab]]s and [[seaweed]]s, which must
survive rapid changes in their surroundings twice a day.<ref>{{cite web |url=http://shore.example/ |title=Life between the tides}}</ref>

== Conditions ==
While the tide is out, a pool is cut off from the sea. On a sunny day its water can warm by
several degrees, and [[evaporation]] makes it saltier; heavy rain does the opposite and makes it
fresher. Oxygen can run low at night, when seaweeds stop [[photosynthesis|producing oxygen]] but
every animal in the pool goes on using it. When the tide returns, all of these conditions change
again within minutes.

== Zones ==
Ecologists divide the shore into zones by how long each part is covered by the sea:
* the '''splash zone''', wetted only by spray;
* the '''high intertidal zone''', covered only at high tide;
* the '''middle intertidal zone''', covered and uncovered twice a day;
* the '''low intertidal zone''', uncovered only at the lowest tides.
Each zone has its own community, and the pools lower on the shore usually hold the widest
variety of life.<ref name="zones" />

== Visiting ==
Tide pools are popular places to learn about marine life. Visitors are asked to return any
rock they turn over to its original position, to avoid taking animals home and to watch the
tide, as the way back to the beach can be cut off quickly.

== References ==
<references>
<ref name="zones">Shore ecology handbook, chapter 3.</ref>
</references>

[[Category:Coastal geography]]
[[Category:Marine biology]]"""

SLIDE_RULE = """{{Use dmy dates|date=March 2020}}
The '''slide rule''' is a mechanical [[calculator|calculating]] device made of two or more
graduated scales that slide against each other. It was invented in the seventeenth century,
soon after [[logarithm]]s were introduced, and for about three hundred years it was the everyday
tool of [[engineer]]s, [[scientist]]s and navigators.

== Principle ==
A slide rule works because the logarithm of a product is the sum of the logarithms of its
factors. The scales are marked so that the distance from the start of the scale to a number is
proportional to that number's logarithm. To multiply 2 by 3, the user sets the start of the
sliding scale against 2 on the fixed scale and reads the answer, 6, on the fixed scale opposite
3 on the slide. Division works the same way in reverse.<ref>Notes on logarithmic scales.</ref>

== Use ==
A slide rule does not keep track of the [[decimal point]]: the user estimates the size of the
answer separately, so the same setting gives 6, 60 or 0.6. Typical accuracy is three
[[significant figures]], which was enough for most design work. Many rules also carried scales
for squares, cubes, [[trigonometric functions]] and logarithms.

{| class="wikitable sortable"
! Scale !! Use
|-
| C and D || multiplication and division
|-
| A and B || squares and square roots
|}

== Decline ==
Pocket electronic calculators, which became cheap in the 1970s, replaced the slide rule within a
few years. They were faster, more accurate and handled the decimal point automatically. Slide
rules are now collected as historical objects, and some are still used by pilots in the form of
circular flight computers.

== See also ==
* [[Abacus]]
* [[Nomogram]]

[[Category:Mechanical calculators]]"""

TERRACE_FARMING = """{{Multiple issues|{{refimprove}}{{cleanup}}}}
'''Terrace farming''' is the practice of cutting a series of flat steps, or '''terraces''', into
a hillside so that crops can be grown on land that would otherwise be too steep to cultivate.
Terraces slow the flow of rain down the slope, which reduces [[soil erosion]] and lets more
water soak into the ground.<ref>{{cite book |title=Hill Farming Systems}}</ref>

== Construction ==
Each terrace is held up by a retaining wall of stones or packed earth, or by a bank planted with
grass. The flat surface behind the wall is levelled, and in wet-rice farming it is surrounded by
low earth walls so that it can be flooded. Water is led from one terrace to the next through
small channels, so a single stream at the top of the hill can irrigate a whole flight of fields.

== Distribution ==
Terraced fields are found on every inhabited continent. Well-known examples include the
[[rice]] terraces of [[Southeast Asia]], the stone terraces of the [[Andes]], where
[[potato]]es and [[maize]] were grown at high altitude, and the vineyard terraces of the
[[Mediterranean]]. Some terrace systems have been in continuous use for more than a thousand
years.

== Maintenance ==
Terraces need constant care. Walls must be repaired after heavy rain, channels cleared and
collapsed sections rebuilt before the next planting season. Where rural populations have fallen,
abandoned terraces can break down within a few decades, and the soil they held may be washed
away in a single storm. Several countries now pay farmers to keep traditional terraces in good
repair because of their value for the landscape and for [[flood]] control.

[[File:Terraced hillside.jpg|thumb|upright=1.2|Terraces on a steep valley side]]

== References ==
{{reflist}}

[[Category:Agriculture]]
[[Category:Landscape]]"""

PAPER_MARBLING = """{{Infobox art technique
| name = Paper marbling
| origin = East Asia and Persia
}}
'''Paper marbling''' is a method of decorating paper by floating colours on the surface of a
liquid bath, arranging them into patterns and then laying a sheet of paper on top to pick up the
design. Marbled papers were widely used for the endpapers and covers of [[bookbinding|bound books]],
and the craft is still practised by [[bookbinder]]s and artists today.<ref>Binder's manual, 1890.</ref>

== Method ==
The bath, called the ''size'', is a thick liquid made from water and a vegetable gum such as
[[carrageenan]]. The marbler sprinkles or drops colours onto the surface, where they spread into
rings. The colours are then drawn into patterns with a stylus or a comb: a few strokes produce
the swirls known as ''stone'' pattern, while combing with fine teeth gives the regular feathered
patterns often seen inside old ledgers. Each print is unique, because the floating colours are
used up by the single sheet that lifts them.

== Patterns ==
Common traditional patterns include:
* '''stone''' or '''spot''' marble, with rounded drops of several colours;
* '''nonpareil''', made by combing the colours into fine, regular lines;
* '''bouquet''', in which a second pass with a comb creates curved, flower-like shapes.
Marblers often gave their patterns local names, and the same design may be known by different
names in different countries.

== Conservation ==
Old marbled papers can fade or become brittle, particularly when the paper was made from acidic
pulp. Conservators record the pattern and the colours before any repair, because a marbled sheet
can never be reproduced exactly.

== See also ==
* [[Suminagashi]]
* [[Endpaper]]

[[Category:Paper art]]
[[Category:Bookbinding]]"""

DISAMBIGUATION = """'''Marbling''' may refer to:
* [[Paper marbling]], decorating paper with floating colours
* [[Marbling (meat)]], fat within muscle
{{disambiguation}}"""

TALK = """== Range figures ==
Could someone add a source for the range figures in the table? [[User:Sample editor 0|Sample editor 0]] 10:00, 20 July 2023 (UTC)"""

# (page id, namespace, title, revision id, timestamp, text, redirect target or None)
PAGES = [
    (101, 0, "Lighthouse", 50011, "2023-05-02T08:14:00Z", LIGHTHOUSE, None),
    (102, 0, "Lighthouses", 50012, "2023-05-02T08:15:00Z", "#REDIRECT [[Lighthouse]]\n\n{{R from plural}}",
     "Lighthouse"),
    (103, 0, "Beekeeping", 50021, "2023-06-11T17:40:12Z", BEEKEEPING, None),
    (104, 0, "Tide pool", 50031, "2023-07-19T06:02:45Z", TIDE_POOL, None),
    (105, 1, "Talk:Lighthouse", 50041, "2023-07-20T10:00:00Z", TALK, None),
    (106, 0, "Slide rule", 50051, "2023-08-03T21:33:09Z", SLIDE_RULE, None),
    (107, 0, "Apiculture", 50061, "2023-08-04T09:00:00Z", "#redirect [[Beekeeping]]", None),  # text only
    (108, 0, "Terrace farming", 50071, "2023-09-14T12:25:31Z", TERRACE_FARMING, None),
    (109, 0, "Paper marbling", 50081, "2023-10-01T15:48:50Z", PAPER_MARBLING, None),
    (110, 0, "Marbling", 50091, "2023-10-01T16:00:00Z", DISAMBIGUATION, None),
]
ARTICLE_TITLES = ["Lighthouse", "Beekeeping", "Tide pool", "Slide rule", "Terrace farming", "Paper marbling"]
