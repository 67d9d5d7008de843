"""English non-educational but decent pages: local news, sport, recipe, travel, review, gossip, blog.

All people, teams, towns and products named here are invented.
"""

LANG = "en"

ARTICLES = {
    "news_bike_lanes": {
        "title": "Council Approves Protected Bike Lanes on Harbour Road",
        "author": "Nadia Brennan",
        "date": "5 March 2024",
        "body": """
PORT ELLERY. The town council voted six to three on Tuesday evening to build protected bike lanes
along a two-kilometre stretch of Harbour Road, ending nearly a year of sometimes heated debate.

The plan will replace one lane of on-street parking on each side of the road with a cycle lane
separated from traffic by a low concrete kerb and a row of planters. Work is expected to begin in
early spring and to take about four months, with the road remaining open to traffic throughout.

Councillor Ruth Adeyemi, who proposed the scheme, said the decision was about safety. "We have
had eleven collisions involving cyclists on this road in three years," she told the meeting.
"Parents have told us they will not let their children ride to school here. This gives them a
reason to change their minds."

Not everyone was convinced. Several shop owners on the eastern end of the road spoke against the
plan, arguing that losing parking spaces would drive customers to the retail park on the edge of
town. Gordon Pratt, who runs a hardware store near the ferry terminal, said he was disappointed
but not surprised. "Half my customers are carrying bags of compost and timber," he said. "They
are not going to cycle."

To address those concerns, the council agreed to convert part of the old bus depot car park into
short-stay parking and to add loading bays at two points along the route. A survey of the road
will be repeated a year after the lanes open, and the council has promised to publish the
results.

The project is expected to cost 1.8 million pounds, most of it covered by a regional grant for
active travel. Council officers said the remaining money would come from the existing road
maintenance budget, which means the resurfacing of two side streets will be delayed until the
following year.

Local cycling group Ellery Wheels welcomed the vote and said it would organise a celebratory ride
once the first section is complete. Its chair, Tomasz Nowak, said the group had collected more
than two thousand signatures in favour of the scheme. "This is a good day for everyone who wants
safer streets, whether they cycle or not," he said.

A public information evening about the construction timetable will be held at the town library
next month.
""",
    },
    "news_library": {
        "title": "Port Ellery Library Reopens After Eighteen-Month Renovation",
        "author": "Nadia Brennan",
        "date": "11 March 2024",
        "body": """
The doors of Port Ellery's central library reopened on Saturday morning after an eighteen-month
renovation, and by ten o'clock a queue of several hundred people stretched past the war memorial.

The Victorian building had been closed since a leaking roof damaged part of its local history
collection. The refurbishment replaced the roof, installed a lift for the first time and turned
the former storage rooms on the ground floor into a children's reading area with low shelves,
beanbags and a small stage for story sessions.

Head librarian Alison Ferreira said the response had exceeded her hopes. "We issued more than six
hundred new library cards on the first morning," she said. "People have missed having a warm,
quiet place where nobody expects them to buy anything."

The upper floor now holds a study room with twenty desks, free wireless internet and a bank of
computers that can be booked for an hour at a time. A digitisation station allows visitors to
scan old photographs and letters, and the library hopes residents will contribute copies of
family pictures to rebuild its local history archive. Volunteers have already begun cataloguing
material that was rescued from the flooded storeroom and dried by specialist conservators.

The renovation cost 3.2 million pounds, funded by the town council, a heritage grant and a
bequest from a former schoolteacher who left her estate to the library in her will. A plaque in
the entrance hall now carries her name.

Not all of the building's features survived. The original wooden card catalogue, which had been
out of use for decades, was too badly damaged to restore, although a single drawer has been kept
on display beside the new self-service machines.

Opening hours have been extended to eight o'clock on weekday evenings, and the library will open
on Sunday afternoons for the first time. Ferreira said the longer hours were a response to
requests from students and from shift workers who could not visit during the day. A programme of
events, including a monthly book club, coding sessions for teenagers and a series of talks on the
history of the harbour, begins next month.
""",
    },
    "sport_derby": {
        "title": "Harbour Athletic Snatch Late Win in Rain-Soaked Derby",
        "author": "Kieran Doyle",
        "date": "16 March 2024",
        "body": """
Harbour Athletic came from behind to beat Millbrook Rovers two goals to one on Saturday, with
substitute Jamie Cole heading the winner three minutes into stoppage time in front of a soaked
but delighted home crowd.

Heavy rain had fallen all morning, and for much of the first half the pitch made passing almost
impossible. Rovers adapted better, playing long balls towards their tall striker, and they took
the lead after twenty-six minutes when a clearance fell kindly for midfielder Sean Doherty, who
drove a low shot past the goalkeeper from the edge of the area.

Athletic manager Carla Mendes made two changes at half-time, and her side looked much sharper
after the break. They pressed higher up the pitch and began to win the second balls that Rovers
had been collecting all afternoon. The equaliser came on the hour, when winger Priya Lal cut
inside from the left and curled a shot into the far corner, her fourth goal of the season.

Both sides had chances to win it. Rovers hit the crossbar from a free kick, and the Athletic
goalkeeper made a fine save from a close-range header with ten minutes left. Just as a draw
looked certain, Lal swung in a corner, and Cole, who had been on the pitch for only twelve
minutes, rose above the defence to head it in.

"I told the players at half-time that if we kept the ball moving, the chances would come," Mendes
said afterwards. "The conditions were horrible, and I am proud of how they kept going."

The win lifts Athletic to fourth in the league table, two points behind the leaders, with a game
in hand. Rovers remain in seventh. Athletic travel to Eastfield next weekend, while Rovers host
the league leaders in what promises to be a difficult afternoon.
""",
    },
    "recipe_lentil_soup": {
        "title": "Weeknight Red Lentil Soup with Lemon and Cumin",
        "author": "Harriet Lowe",
        "date": "20 January 2024",
        "body": """
This is the soup I make when the fridge looks empty and everybody is hungry. It uses cupboard
staples, takes about thirty-five minutes from start to finish and tastes far better than the
effort suggests. Red lentils break down as they cook, so the soup turns thick and creamy without
any cream at all. It serves four people generously.

## Ingredients

- 2 tablespoons olive oil
- 1 large onion, finely chopped
- 2 carrots, peeled and diced
- 3 cloves of garlic, crushed
- 2 teaspoons ground cumin
- 1 teaspoon smoked paprika
- 250 grams red lentils, rinsed
- 1 tin of chopped tomatoes
- 1.2 litres vegetable stock
- Juice of one lemon
- Salt, pepper and a handful of fresh parsley

## Method

Warm the olive oil in a large saucepan over a medium heat. Add the onion and carrots with a pinch
of salt and cook gently for about eight minutes, stirring now and then, until the onion is soft
and translucent. Do not rush this step, because the sweetness of the softened vegetables is what
gives the soup its depth.

Stir in the garlic, cumin and paprika and cook for one more minute, until the kitchen smells
wonderful. Add the rinsed lentils, the tomatoes and the stock. Bring everything to the boil, then
turn the heat down, partly cover the pan and simmer for twenty minutes, until the lentils have
collapsed.

Blend about half of the soup with a stick blender, leaving some texture, or blend it all if you
prefer it smooth. Squeeze in the lemon juice, taste and season with salt and plenty of black
pepper. If the soup is too thick, loosen it with a splash of hot water.

## Tips and variations

The lemon is not optional. It lifts the earthy lentils and makes the whole pot taste brighter. A
spoonful of plain yoghurt on top is lovely, as is a drizzle of chilli oil for anyone who likes
heat. The soup keeps well in the fridge for three days and freezes for up to three months,
although it thickens as it stands, so add a little water when reheating.

If you have spinach or kale that needs using up, stir a couple of handfuls in at the end and let
it wilt for a minute. My children eat it happily with buttered toast, which in our house counts
as a victory.
""",
    },
    "travel_edinburgh": {
        "title": "Three Unhurried Days in Edinburgh",
        "author": "Felix Marchetti",
        "date": "2 November 2023",
        "body": """
I arrived in Edinburgh on a grey Thursday in October with no plan beyond a list of cafes a friend
had scribbled on a napkin. Three days later I left with sore legs, a camera full of staircases and
a strong wish to return. Here is how I spent my time, in case it helps you plan your own visit.

## Day one: the Old Town

Edinburgh is a city built on hills, and the best way to understand it is on foot. I started at
the castle, which sits on a rock of ancient volcanic origin above the city centre. Even if you do
not go inside, the walk up to the esplanade gives you wide views over the rooftops to the sea.
From there I wandered down the Royal Mile, ducking into the narrow alleys, called closes, that run
off it on both sides. Some lead to quiet courtyards; others drop steeply down long flights of
steps. By late afternoon my feet were begging for mercy, so I spent an hour in a second-hand
bookshop with a cup of tea.

## Day two: up a hill and into the green

The next morning I climbed Arthur's Seat, the rocky hill that rises from the park at the bottom
of the Royal Mile. The path is steep in places but manageable in decent shoes, and it took me
about forty-five minutes to reach the top. The wind up there was fierce, and the clouds moved so
fast that the view changed every few minutes. In the afternoon I walked along the Water of Leith,
a small river with a footpath that passes through Dean Village, a cluster of old mill buildings
that feels miles from the city even though it is a short walk from the centre.

## Day three: the New Town and the port

The New Town, built in the eighteenth and nineteenth centuries, is everything the Old Town is
not: straight streets, elegant squares and grand stone terraces. I spent the morning there before
catching a bus down to Leith, the old port, where the waterfront is lined with restaurants. I had
the best fish of the trip at a tiny place with six tables.

## Practical notes

Pack layers and a waterproof jacket whatever the forecast says. Book accommodation well ahead if
you visit in August, when the festivals fill the city. Buses are frequent and easy to use, but
most of the centre is compact enough to walk, and walking is how you find the best corners.
""",
    },
    "review_headphones": {
        "title": "Aurora X2 Wireless Headphones Review: Great Battery, Average Bass",
        "author": "Marcus Vale",
        "date": "8 February 2024",
        "body": """
The Aurora X2 sits in the crowded middle of the wireless headphone market, priced well below the
flagship models but above the budget brands you find in supermarket bins. I used a pair for three
weeks of commuting, working from home and one long train journey. Here is what I found.

## Design and comfort

The X2 is light, at just under 250 grams, and the headband is padded with soft memory foam. I
wore them for four hours straight without discomfort, which I cannot say for some more expensive
rivals. The ear cups fold flat for the included carry case, although the hinges feel a little
plasticky, and I would not want to sit on them. Physical buttons on the right cup control volume
and playback, and I much prefer them to the touch panels that many manufacturers now use, which
tend to register accidental taps.

## Sound quality

Out of the box, the sound is clear and balanced, with crisp vocals and a detailed mid-range.
Acoustic recordings and podcasts sound excellent. Bass is present but restrained; fans of
electronic music may find it lacks punch. The companion app includes an equaliser, and boosting
the low end helps, though it introduces a slight muddiness at high volume.

Noise cancellation is decent rather than outstanding. It removed most of the low rumble on the
train and the hum of my fridge, but voices in an open-plan office still came through. The
transparency mode, which lets outside sound in, works well enough for station announcements.

## Battery and connectivity

Battery life is the standout feature. The manufacturer claims forty hours with noise cancellation
switched on, and in my testing I got a little over thirty-eight, which is outstanding at this
price. Ten minutes of charging gives around four hours of playback. The headphones can connect to
two devices at once, so I could switch between my laptop and phone without pairing again, and the
connection stayed stable throughout. Call quality was acceptable indoors but suffered in wind,
where callers said I sounded distant.

## Verdict

The Aurora X2 is not the best-sounding pair of headphones available, but it is comfortable,
sensibly designed and has a battery that seems to last forever. If you listen mostly to spoken
word, acoustic music or pop and want a reliable everyday pair, it is easy to recommend. Bass
lovers should look elsewhere. Our score is seven and a half out of ten.
""",
    },
    "gossip_dinner": {
        "title": "Spotted: Pop Star Lila Marsh and Actor Dev Okonjo Share Secret Dinner",
        "author": "Staff Reporter",
        "date": "24 February 2024",
        "body": """
Are Lila Marsh and Dev Okonjo the newest couple in town? Fans certainly think so after the
chart-topping singer and the star of the hit detective series were spotted leaving a tiny
Italian restaurant together late on Friday night.

According to diners who were there, the pair arrived separately just after nine o'clock and were
shown to a corner table at the back, away from the windows. One guest said they shared a plate of
pasta, laughed a great deal and stayed until the staff began stacking chairs. "They looked really
relaxed," the diner said. "Nobody bothered them, and they were lovely to the waiter."

Photographs taken outside show Marsh, who wore a long camel coat and her trademark silver hoops,
climbing into a waiting car while Okonjo held the door. Minutes later he left on foot, wearing a
baseball cap pulled low.

Neither star has commented, and representatives for both declined to confirm whether the dinner
was a date. But it is not the first time their names have been linked. The two were seated next
to each other at an awards ceremony in the spring, and eagle-eyed fans noticed that Okonjo liked
several of Marsh's posts from her recent tour. Last month Marsh dedicated a performance of her
ballad to "someone who knows who they are", sending social media into a frenzy of speculation.

Marsh, twenty-nine, split from her long-term boyfriend, a record producer, late last year, and has
since said in interviews that she is focused on her music. Okonjo, thirty-two, has kept his
private life firmly out of the spotlight throughout his career, telling a magazine that he
prefers to "keep the mystery".

A source described as close to the singer said the pair had been friends for some time and were
simply enjoying each other's company. "Everyone is reading too much into one dinner," the source
said. "But Lila is happy, and that is what matters."

Fans, however, are not convinced. Within hours of the photographs appearing, the couple had been
given a nickname online, and a fan account set up in their honour had gathered thousands of
followers. Whether there is any romance or not, one thing is clear: the restaurant is going to be
very busy this weekend.
""",
    },
    "blog_allotment": {
        "title": "Notes from the Allotment: What Worked This Year",
        "author": "Bryony",
        "date": "29 October 2023",
        "body": """
The last of the pumpkins came home in a wheelbarrow this weekend, which means the growing season
on plot fourteen is officially over. Before the memories fade and the seed catalogues arrive, I
want to write down what worked, what failed and what I will do differently next year.

## Successes

The runner beans were the star again. I grew them up a tunnel of hazel poles rather than the
usual wigwam, and the extra light and air made a real difference. We picked beans from mid-July
until the first frost, gave bags of them to the neighbours and still froze a dozen portions.
Planting a row of sweet peas along the same frame brought in bees and meant I had flowers for the
kitchen table all summer.

The other success was mulching. In spring I covered the bare soil between the rows with a thick
layer of compost and straw. It kept moisture in during the dry spell in June, and I spent far
less time weeding than in previous years.

## Failures

The carrots were a disaster. Carrot fly got into almost every root, leaving them riddled with
brown tunnels. Next year I will try a fine mesh cover and sow later in the season, which is
supposed to miss the first generation of flies.

The tomatoes also struggled. A wet August brought blight, and within a week the plants had turned
brown. I managed to rescue a tray of green fruit, which ripened slowly on the windowsill, but most
of the crop was lost. I have ordered seeds of a variety that is said to resist blight, and I will
try growing a few plants in the greenhouse as well.

## Plans

Over the winter I want to build two more compost bays, repair the shed roof and plant a small row
of raspberry canes along the fence. Most of all, I want to keep better records. This post is a
start.
""",
    },
}
