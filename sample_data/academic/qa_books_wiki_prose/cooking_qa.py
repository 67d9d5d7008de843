"""An invented cooking.stackexchange-style site: questions, answers and scores, bodies in HTML.

Every text was written for this project. Each question: (id, date, score, views, title, tags,
body, accepted answer id or None, [(answer id, date, score, body), ...]). ``OTHER_POSTS`` are a tag
wiki excerpt and its wiki (post types 4 and 5), which a Q&A reader must pass over.
"""

QUESTIONS = [
    (1, "2010-08-14T09:12:44.120", 24, 5120, "Why does my sandwich loaf collapse in the oven?",
     ["bread", "baking", "yeast"],
     "<p>I bake a plain white sandwich loaf every weekend. It rises beautifully in the tin, well above "
     "the rim, but as soon as it goes into the oven the top sinks and I end up with a flat, dense "
     "loaf with a wrinkled crust. I use instant yeast, bread flour and a warm spot near the "
     "radiator for the second rise.</p>\n\n<p>What am I doing wrong, and how can I tell when the "
     "dough is ready to bake?</p>",
     3,
     [(3, "2010-08-14T10:02:10.500", 31,
       "<p>A loaf that rises well and then falls in the oven is almost always <strong>over-proofed</strong>. "
       "During the second rise the yeast keeps producing gas while the gluten network slowly gets "
       "weaker. If you wait too long, the dough is stretched so thin that it cannot hold the extra "
       "expansion that happens in the first minutes of baking, so the bubbles burst and the top "
       "drops.</p>\n\n<p>A warm radiator makes this worse, because yeast works much faster above "
       "thirty degrees. Try these changes:</p>\n\n<ul>\n<li>Proof at ordinary room temperature, "
       "not on a heater.</li>\n<li>Bake when the dough has risen about an inch above the rim, not "
       "more.</li>\n<li>Use the poke test: press a floured finger in gently. If the dent springs "
       "back slowly and only partly, bake it. If it does not spring back at all, you waited too "
       "long.</li>\n</ul>\n\n<p>You can also reduce the yeast a little, which gives you a wider "
       "window before the dough tips over.</p>"),
      (5, "2010-08-15T18:40:03.007", 12,
       "<p>Check your oven as well. If it runs cold, the crust sets late and the loaf keeps "
       "expanding until it collapses under its own weight. An oven thermometer costs very little "
       "and many home ovens are off by twenty degrees or more.</p>\n\n<p>Also make sure the oven "
       "is fully preheated before the tin goes in. Many ovens report that they are ready when "
       "only the air is hot, while the walls and the shelf are still cool. Giving it an extra "
       "fifteen minutes made a visible difference to my loaves, which now rise in the oven "
       "instead of sinking.</p>"),
      (9, "2010-09-01T07:55:31.870", 2,
       "<p>Too much water can cause the same thing. A very slack dough has a weak structure, so "
       "it spreads and sinks. Weigh your flour and water rather than using cups, and aim for "
       "about sixty to sixty-five parts of water for every hundred parts of flour for a tin "
       "loaf. That gives a dough that is soft but still holds its shape when you turn it out of "
       "the bowl, and it is much more forgiving if the second rise runs a little long.</p>")]),
    (2, "2010-08-14T09:30:02.410", 15, 3380, "How do I keep a cast iron pan from rusting between uses?",
     ["cast-iron", "cleaning", "equipment"],
     "<p>I inherited an old cast iron skillet. I scrubbed it clean and seasoned it in the oven, but "
     "every time I wash it after cooking, orange rust spots appear within a day. I live in a "
     "fairly damp flat and the pan hangs on a hook near the sink.</p>\n\n<p>Is there a way of "
     "cleaning and storing it that stops the rust coming back?</p>",
     4,
     [(4, "2010-08-14T11:15:27.330", 18,
       "<p>Rust needs water and bare iron, so the trick is to leave neither behind. After "
       "washing:</p>\n\n<ol>\n<li>Dry the pan with a towel straight away.</li>\n<li>Put it on a "
       "low burner for two or three minutes until every trace of moisture has gone.</li>\n"
       "<li>While it is still warm, wipe a few drops of oil over the whole surface with a paper "
       "towel, then wipe off as much as you can.</li>\n</ol>\n\n<p>Store it somewhere dry rather "
       "than next to the sink, where steam settles on it every time you run hot water. If spots "
       "do appear, scrub them off with steel wool, rinse, dry on the heat and oil it again. The "
       "seasoning gets tougher every time you cook with fat in the pan, so frying often is the "
       "best protection of all.</p>"),
      (6, "2010-08-16T20:08:45.090", 22,
       "<p>The other answers cover the routine, but it is worth knowing <em>why</em> your new "
       "seasoning lets rust through. A single oven seasoning is a very thin polymer layer, and "
       "it is porous until several more coats build up. Give it three or four more rounds: a "
       "very thin coat of oil, an hour upside down in a hot oven, cool, repeat.</p>\n\n<p>Avoid "
       "leaving it to soak, and do not put it in the dishwasher, which strips the seasoning in "
       "one cycle. Short contact with soap and water is fine once the seasoning is established; "
       "the old advice never to use soap comes from the days when soap contained lye, which "
       "really did attack the coating.</p>"),
      (12, "2010-10-02T13:21:09.400", -1,
       "<p>Just buy a non-stick pan instead, cast iron is more trouble than it is worth.</p>")]),
    (7, "2015-03-02T16:45:12.653", 19, 8810, "What is the difference between baking soda and baking powder?",
     ["baking", "leavening", "chemistry"],
     "<p>Many cake recipes ask for baking soda, some for baking powder, and a few for both. Can I "
     "swap one for the other if I have run out, and why would a recipe need both of them at "
     "once? The muffins I made with powder instead of soda came out pale and a bit bitter.</p>",
     8,
     [(8, "2015-03-02T17:20:40.117", 15,
       "<p>Baking soda is pure sodium bicarbonate. It only produces carbon dioxide when it meets "
       "an acid, such as buttermilk, yoghurt, lemon juice, brown sugar or natural cocoa. A recipe "
       "uses soda when it already contains enough acid to react with it.</p>\n\n<p>Baking powder "
       "is soda with a dry acid already mixed in, plus starch to keep it dry. It works in recipes "
       "without acidic ingredients. Most powder is double acting: it releases some gas when "
       "it gets wet and the rest when it gets hot in the oven.</p>\n\n<p>Recipes that use both "
       "rely on the soda to neutralise an acidic ingredient and to help browning, and on the "
       "powder for most of the lift. That is why your muffins came out pale: soda raises the "
       "pH, and browning reactions run faster in a less acidic batter.</p>"),
      (10, "2015-03-03T08:02:55.300", 9,
       "<p>As a rough rule for emergencies, one teaspoon of baking powder gives about the same "
       "lift as a quarter teaspoon of baking soda. So you can replace soda with roughly three "
       "to four times as much powder, but the extra acid and starch change the flavour, which is "
       "the bitterness you noticed.</p>\n\n<p>Going the other way only works if the recipe "
       "contains an acid for the soda to react with; otherwise the soda stays unreacted and "
       "tastes soapy and metallic.</p>"),
      (11, "2015-03-05T21:14:02.010", 4,
       "<p>You can make a quick substitute for baking powder at home by mixing one part baking "
       "soda with two parts cream of tartar. Use it at once, because it starts reacting as soon "
       "as it picks up moisture from the air, and it is single acting, so get the batter into "
       "the oven quickly.</p>"),
      (13, "2015-04-11T10:30:00.000", 3,
       "<p>Check the date on your tin as well. Baking powder loses strength after a few months "
       "once opened. Stir a spoonful into hot water: if it does not fizz hard, throw it out and "
       "buy a fresh tin before your next cake.</p>")]),
    (14, "2015-11-20T19:03:27.200", 11, 2290, "Is it safe to leave cooked rice out overnight?",
     ["food-safety", "rice", "storage"],
     "<p>I often cook a big pot of rice for dinner and leave the leftovers on the stove until the "
     "next morning, then put them in the fridge. My flatmate says this is dangerous even if the "
     "rice is reheated until piping hot. Is she right, and what is the safe way to keep "
     "leftover rice for lunches during the week?</p>",
     None,
     [(15, "2015-11-20T20:11:51.880", 20,
       "<p>Your flatmate is right. Uncooked rice often carries spores of a bacterium called "
       "<em>Bacillus cereus</em>. The spores survive boiling. If the cooked rice then sits at "
       "room temperature for hours, they germinate, multiply and produce a toxin that is not "
       "destroyed by reheating. That is why reheating until piping hot does not make it safe "
       "again.</p>\n\n<p>The safe routine is to cool rice quickly and get it into the fridge "
       "within about an hour of cooking. Spreading it out on a tray helps it cool fast. Keep "
       "it chilled, eat it within a day or two, and reheat only once. Cold rice salads are "
       "fine, as long as the rice went into the fridge promptly.</p>"),
      (16, "2015-11-22T09:45:13.500", 7,
       "<p>To add a practical tip: portion the rice into shallow lunch boxes while it is still "
       "warm, leave the lids off for a few minutes and then put them straight in the fridge. "
       "Small, shallow portions cool far faster than one deep pot, and you have your lunches "
       "ready for the next two days. For longer storage, freeze the boxes and reheat from "
       "frozen in the microwave with a splash of water, covered, until steaming throughout.</p>")]),
    (17, "2019-06-05T12:00:37.447", 8, 1475, "How can I tell when a steak is medium rare without a thermometer?",
     ["beef", "steak", "doneness"],
     "<p>I do not own a meat thermometer and my steaks are either still cold in the middle or grey "
     "all the way through. Is there a reliable way to judge doneness by touch or by time? I "
     "usually cook sirloin about two centimetres thick in a heavy frying pan.</p>",
     18,
     [(18, "2019-06-05T13:47:20.900", 11,
       "<p>Timing works surprisingly well if you control the variables. For a two centimetre "
       "sirloin that starts at room temperature, in a pan that is properly hot:</p>\n\n<ul>\n"
       "<li>about two and a half minutes per side for rare;</li>\n<li>about three and a half "
       "minutes per side for medium rare;</li>\n<li>about four and a half minutes per side for "
       "medium.</li>\n</ul>\n\n<p>Then rest it for five minutes on a warm plate: the centre keeps "
       "cooking and the juices settle. Write down what you did each time and adjust; after a "
       "few steaks you will have a routine that suits your pan and your hob.</p>\n\n<p>The touch "
       "test helps too. Medium rare feels springy, like the base of your thumb when you touch "
       "your thumb to your middle finger, but it takes practice to trust it.</p>"),
      (19, "2019-06-07T08:30:11.250", 5,
       "<p>Honestly, the best answer is to buy an instant-read thermometer. They are cheap, and "
       "pulling the steak at about fifty-two degrees in the centre for medium rare takes all the "
       "guessing out of it. Touch tests vary with the cut and the thickness, and a cheap "
       "thermometer will pay for itself with the first steak it saves from overcooking. It is "
       "just as useful for roasts, chicken and even bread.</p>")]),
    (20, "2021-01-12T18:25:50.003", 6, 640, "Why is my homemade pasta dough dry and crumbly?",
     ["pasta", "dough", "eggs"],
     "<p>I follow a recipe of one hundred grams of flour per egg, but my dough never comes "
     "together. It stays in dry, crumbly pieces however long I knead, and when I add water it "
     "turns sticky. Here is what I do:</p>\n\n<pre><code>300 g tipo 00 flour\n3 eggs\nknead 10 "
     "minutes, rest 30 minutes</code></pre>\n\n<p>What should I change?</p>",
     22,
     [(21, "2021-01-12T19:02:33.180", 6,
       "<p>Eggs vary a lot in size. Three small eggs can be twenty or thirty grams lighter than "
       "three large ones, which is enough to leave the dough dry. Weigh the eggs out of their "
       "shells and aim for about fifty-five to sixty grams of egg per hundred grams of "
       "flour.</p>\n\n<p>If it is still dry, wet your hands rather than adding water to the bowl; "
       "the dough picks up moisture slowly and evenly that way, and you avoid the sticky "
       "patches you described.</p>"),
      (22, "2021-01-13T07:41:12.600", 9,
       "<p>Crumbly pasta dough usually just needs time. Bring it together as well as you can, "
       "wrap it tightly and rest it for thirty minutes <strong>before</strong> you knead. The "
       "flour hydrates while it rests and the dough becomes much more cooperative. Then knead "
       "for eight to ten minutes until smooth.</p>\n\n<p>Kneading dry dough from the start just "
       "tears it. Resting first, kneading second and resting again before rolling gives you a "
       "smooth, elastic sheet. If you use a machine, start on the widest setting and fold the "
       "sheet in thirds a few times; that finishes the kneading for you.</p>")]),
    (23, "2021-02-01T22:10:05.777", -3, 95, "best pan???", ["equipment"],
     "<p>what pan should i buy</p>",
     None,
     [(24, "2021-02-02T06:12:40.001", 0, "<p>Depends what you cook.</p>")]),
]

OTHER_POSTS = [
    (25, 4, "2021-03-01T10:00:00.000",
     "<p>Questions about bread: yeasted loaves, flatbreads, sourdough and quick breads.</p>"),
    (26, 5, "2021-03-01T10:00:00.000",
     "<p>Use this tag for questions about making bread at home. For questions about starters, "
     "add the sourdough tag as well.</p>"),
]
