"""The Patient Orchard: a full-length invented book (about 64 KB of text) on one subject, fruit trees.

Real Project Gutenberg books run to 67-441 KB (the six in ``../shared/data/academic/gutenberg/raw``,
median about 107 KB), and a long book yields many passages, which is where real corpora's topic skew
lives (``sample_data/README.md``, "Why the topics are skewed"). Written for this project: the book,
its author and every variety, place and person in it are invented. Paragraphs are wrapped at 72
columns when the body is built.
"""

import textwrap

TITLE_PAGE = """THE PATIENT ORCHARD

A Year of Grafting, Pruning and Waiting

by Thomas Ellery"""

PREFACE = [
    "This little book is the record of one year in an old orchard, stretched, as such years always "
    "are, over several more. It is not a manual. There are many good manuals of fruit growing, written "
    "by men who have grown fruit for a living, and I have leaned on several of them; where I repeat "
    "their advice I have tried to say whether I tested it myself or only took it on trust.",
    "What I hope the book may offer that the manuals do not is the point of view of a beginner who "
    "inherited a neglected orchard on poor ground and set out to keep it rather than clear it. Most "
    "people who come to fruit trees come to them in this way, and the advice written for a grower "
    "planting a new orchard on a chosen site is not always the advice they need.",
    "My thanks are due to the neighbours who lent tools, presses and opinions, to the nurseryman who "
    "refused to sell me what I asked for, and above all to the old schoolmaster with the bees, who "
    "knew more about the valley and its trees than anyone now living and gave his knowledge away to "
    "anybody who would stop at his gate to ask.",
]

CHAPTERS: list[tuple[str, list[str]]] = [
    ("THE BARE TREES", [
        "When we bought the cottage, the orchard behind it had not been pruned for at least fifteen "
        "years. The apple trees had grown into tangled domes of crossing branches, water shoots stood up "
        "from every limb like the bristles of a brush, and the few apples that did form were small, "
        "scabbed and out of reach. Our neighbours advised us to grub the whole lot out and start again. "
        "We decided instead to spend a year learning what the old trees still had to offer.",
        "Winter is the time to prune apples and pears, while the trees are dormant and their shape is "
        "easy to see. The rule I was taught is to remove the three Ds first—dead, diseased and damaged "
        "wood—and only then to think about shape. After that you take out branches that cross or rub, and "
        "open the centre of the tree so that light and air can reach every part of it. “Never take more "
        "than a quarter of the tree in one winter,” an old grower told me, “or it will answer you with a "
        "forest of water shoots.”",
        "There were fourteen trees in all: nine apples, three pears, a damson in the hedge and a plum so "
        "old that its trunk had split into two hollow halves, each of which still bore leaves. I drew them "
        "on a sheet of squared paper, gave each a number and a page in a notebook, and walked round them "
        "on the first frosty morning with a saw, a pair of secateurs and a great deal more confidence than "
        "knowledge. By dinner time I had cut exactly one branch, and I had spent the rest of the morning "
        "standing under the trees and looking up.",
        "That looking was not wasted. A neglected tree tells its own history to anyone who will read it. "
        "The stubs of old cuts, long since healed over into rounded collars, showed where a former owner "
        "had once kept the trees low and open. Above those stubs the water shoots of later years had "
        "thickened into true branches, so that each tree now carried a second, younger crown on top of the "
        "first. It was this upper crown, tall, crowded and shading everything below it, that had to go, "
        "and it could not all go at once.",
    ]),
    ("SCIONS AND STOCKS", [
        "Two of the trees were beyond saving, but their varieties were worth keeping: a sharp, "
        "late-keeping cooker that nobody in the village could name, and a sweet russet. In January I cut "
        "pencil-thick lengths of last year’s growth from each, wrapped them in damp newspaper and kept "
        "them in the coolest corner of the shed. These were my scions.",
        "In April, as the sap began to rise, I grafted them onto young rootstocks bought from a nursery. "
        "The cut surfaces must match closely, so that the thin green layer under the bark of the scion "
        "meets the same layer in the stock, and the join must be bound firmly and sealed against the "
        "weather. Of the twelve grafts I made, nine took, and by midsummer they had each put out a shoot "
        "as long as my hand.",
        "The reason for all this trouble is that an apple does not come true from its pip. Every seed is "
        "the child of two parents, the tree that bore it and whichever tree lent the pollen, and the "
        "seedling that grows from it is a new variety, almost always worse than either. Every tree of a "
        "named sort, whether it stands in a cottage garden or in a great estate, is a piece of one "
        "original tree, carried forward by grafting from branch to stock for as long as the variety has "
        "been known. To lose the last tree of a sort is to lose the sort.",
        "The whip-and-tongue graft, which I used for most of the twelve, suits a scion and a stock of "
        "about the same thickness. A long sloping cut is made on each, and a second, shorter cut into "
        "each slope forms a tongue, so that the two pieces lock together like the fingers of clasped "
        "hands. For the three stocks that were thicker than my scions I used a cleft graft instead, "
        "splitting the top of the stock and pushing a wedge-shaped scion into the split at one side, where "
        "its bark would line up with the bark of the stock.",
        "Binding is the part most often done badly. I used strips of thin rubber cut from an old bicycle "
        "tube, wound tightly from below the union to above it and tucked under the last turn, and I "
        "covered the whole with grafting wax warmed in a tin over a candle. The strips perish in the sun "
        "after a couple of months, which is just long enough; a binding of string left on too long cuts "
        "into the swelling wood and strangles the graft it was meant to protect.",
    ]),
    ("OF SOIL AND SITUATION", [
        "It is a commonplace of the older books that an orchard should be planted on a gentle slope facing "
        "south or south-west, in deep, well-drained loam, sheltered from the north and east and open to "
        "the sun. This is excellent advice for anyone choosing a field. Most of us do not choose; we "
        "inherit a piece of ground with a house on it and must make the best of whatever lies behind the "
        "house. Our orchard faces east, slopes the wrong way and lies on a heavy clay that holds water "
        "like a basin all winter and sets like brick in August.",
        "The first thing I did, before planting anything, was to dig a few holes and watch them. A hole "
        "two feet deep dug in November and left open will tell you more about drainage than any amount "
        "of reading. Two of mine filled with water within a day and stayed full until March. The others "
        "drained slowly but steadily. I marked the wet places on my plan and resolved to plant nothing "
        "there but the damson, which grows happily in a ditch, and perhaps a pear on a stock that tolerates "
        "wet feet.",
        "Clay, for all the labour it costs, is not a bad soil for apples. It is rich in plant food and holds "
        "moisture through a dry summer far better than sand, and the old orchards of the clay vales were "
        "famous for the size and keeping quality of their fruit. What the clay needs is air. Where a young "
        "tree was to go I broke up a square yard of ground to the depth of two spits, forked in leaf mould "
        "and old straw from the stable, and left the surface rough for the frost to crumble.",
        "Shelter matters more than most planters expect. A tree in an exposed place loses its blossom to "
        "cold winds, its young leaves are torn, and the bees, which will not fly in a strong wind, leave "
        "the flowers unvisited. Our orchard had a hawthorn hedge on its eastern side that had been allowed "
        "to grow into a row of small trees, thin at the bottom and thick at the top. Laying that hedge, "
        "cutting each stem most of the way through and bending it over along the line, took the whole of "
        "one February and gave us a low, dense barrier that turned the worst of the wind.",
        "Frost is the other enemy of situation. Cold air is heavy and runs downhill like water, pooling "
        "in hollows and against walls and hedges at the bottom of a slope. A tree planted in such a frost "
        "pocket may flower beautifully every year and never set a crop, because the blossom is killed on "
        "the one still, clear night in May when the air settles. I learned where our frost pocket lay by "
        "walking the orchard at dawn after such a night and noting where the grass was white and where it "
        "was merely wet.",
    ]),
    ("THE CHOICE OF ROOTSTOCKS", [
        "The stock on which a tree is grafted decides how large it will grow, how soon it will bear, how "
        "firmly it will stand and how long it will live. The variety decides the fruit. A gardener who "
        "orders a tree by the name of its apple alone, and leaves the nurseryman to choose the root, has "
        "made only half a decision, and very often the less important half.",
        "The old orchards were planted on seedling stocks raised from the pips of cider apples or wild "
        "crabs. Such trees grow very large, often thirty feet high and as much across, take eight or ten "
        "years to bear a worthwhile crop and then go on bearing for a century. They were planted forty "
        "feet apart in grass, and sheep or geese grazed beneath them. Our old trees were of this kind, and "
        "I could find no one in the village who remembered them being planted.",
        "The dwarfing stocks now sold by every nursery were sorted out of a muddle of old Continental "
        "sorts by patient trials at experimental stations in the last century, and each was given a "
        "number. The most dwarfing produce a tree no taller than a man, which must be staked for the whole "
        "of its life because its roots are brittle and shallow, and which bears in its second or third "
        "year. The more vigorous stocks give trees of twelve or fifteen feet that need no stake once they "
        "are established and tolerate poorer ground.",
        "I chose a semi-vigorous stock for the grafts of our nameless cooker, because I wanted trees that "
        "could stand in grass without constant weeding, and because a heavy clay in an exposed place is no "
        "home for a delicate root. For the russet, which I meant to train against the south wall of the "
        "shed, I chose a more dwarfing one. The nurseryman, to his credit, asked where each tree was to go "
        "before he would sell me anything, and he talked me out of a very dwarfing stock that I had read "
        "about and wanted for no good reason at all.",
        "Pears are usually grafted on quince rather than on pear seedlings, which makes a smaller tree "
        "that crops sooner. Some good varieties will not unite properly with quince, and for these the "
        "nurserymen use a trick called double working: a short piece of a compatible pear is grafted onto "
        "the quince first, and the desired variety is grafted onto that. The finished tree is thus three "
        "plants in one, each contributing something, and none of them the same as the others.",
        "A stock also brings its own habits of health. Some are prone to woolly aphid on their roots, some "
        "to collar rot in wet ground, some throw up suckers from below the graft that must be rubbed off "
        "every summer. A sucker left alone will grow faster than the grafted variety above it, and in a "
        "few years the gardener finds that half his tree bears little sour crabs. I have seen an entire old "
        "pear in a neighbour’s garden that had reverted in this way, its named variety long since "
        "smothered, so that only the quince remained.",
    ]),
    ("PLANTING A YOUNG TREE", [
        "Bare-root trees are lifted from the nursery rows when they are dormant, between the fall of the "
        "leaf and the swelling of the buds, and they should be planted as soon as the ground allows. Ours "
        "came at the end of November, tied in a bundle with their roots wrapped in sacking, and because "
        "the ground was frozen I heeled them in: I dug a shallow trench in a sheltered corner, laid them "
        "in it at a slant and covered their roots with loose soil until the thaw.",
        "The hole for each tree should be wide rather than deep. The roots must be spread out in their "
        "natural directions, not coiled round the bottom of a pit, and the tree set at exactly the depth "
        "it grew in the nursery, which can be seen as a change of colour on the stem. Above all the union, "
        "the knuckle where the variety was grafted onto the stock, must stay well above the soil. If it is "
        "buried the variety will put out roots of its own, and all the good the stock was meant to do is "
        "lost.",
        "I drove the stake in before the tree, so as not to spear the roots, and set it on the side of the "
        "prevailing wind so that the tree would be blown away from it rather than against it. The old "
        "practice was a tall stake reaching into the head of the tree. The newer advice, which I followed, "
        "is a short stake reaching about a third of the way up the stem, so that the top can sway and the "
        "trunk grows thicker in answer to the movement.",
        "When the roots were spread I worked fine soil in among them with my fingers, shook the tree gently "
        "up and down to settle it, and firmed the ground with my heel, first round the edge of the hole and "
        "then nearer the stem. A tree planted loose will rock in the first gale and tear its new roots; a "
        "tree trodden in too hard on a wet clay will stand in a puddle. There is a middle way, and the only "
        "means I know of finding it is practice.",
        "Each tree then received a mulch of rotted manure spread in a circle a yard across, kept a hand’s "
        "breadth away from the stem so that the bark would not rot, and a guard of wire netting against "
        "the rabbits, which had already found the nursery bundle in the corner and nibbled the bark of two "
        "stocks. A young tree that is ringed all the way round by a rabbit in a hard winter is as good as "
        "dead, for the sap can no longer pass from the roots to the buds.",
        "The first summer after planting is the dangerous one. The new roots have not yet reached far into "
        "the soil, and a fortnight of dry weather in June can kill a tree that survived the winter "
        "perfectly well. I carried water in cans from the butt by the shed, a full can to each tree once a "
        "week, poured slowly so that it soaked in rather than ran off, and I kept the grass pulled back "
        "from the circle of mulch, for grass is a thirsty neighbour and takes the water before the tree "
        "can reach it.",
    ]),
    ("THE TOOLS OF THE ORCHARD", [
        "The tools of fruit growing are few and old, and most of them have changed little in a century. "
        "A gardener needs a pruning saw, a pair of secateurs, a sharp knife, a ladder, a spade and a fork, "
        "and he can do almost everything with these. What matters is that they be good of their kind and "
        "kept in order, for a blunt tool bruises and tears the wood, and a torn cut heals slowly and badly.",
        "The pruning saw should be narrow, so that it can reach between crowded branches, and cut on the "
        "pull stroke rather than the push, which makes it easier to control when working above one’s head "
        "on a ladder. The old bow saws, with a thin blade held taut in a frame of bent steel, are excellent "
        "for large limbs on the ground but too clumsy for work inside the crown of a tree. I bought a "
        "folding saw with a curved blade that lives in my coat pocket from November to March.",
        "Secateurs are of two kinds. The anvil type has one sharp blade closing against a flat plate of "
        "soft metal, and it crushes the stem a little as it cuts. The bypass type has two curved blades "
        "passing one another like the blades of scissors, and it makes a cleaner cut. The old gardeners "
        "despised secateurs of either kind and did all their light pruning with a knife, drawing the blade "
        "upward through the shoot in a single sweep just above a bud. I have tried to learn this, and I "
        "still have the scar on my thumb to show for it.",
        "The knife is not to be given up entirely, however. It is needed for grafting and budding, and for "
        "paring the ragged edges of a wound made by a saw or by a branch broken in a gale, so that the bark "
        "meets the wood cleanly and the callus can grow across. A grafting knife has a straight blade "
        "ground on one side only, like a chisel, and it is kept sharp enough to shave the hair from the "
        "back of the hand. I was taught to strop mine on a strip of leather before every session of "
        "grafting, and to use it for nothing else.",
        "Cleanliness of tools is a matter the older books say little about, but it matters. The spores of "
        "canker and of the bacterial diseases of plums and cherries are carried from tree to tree on the "
        "blades of saws and secateurs, and a gardener who has just cut out a cankered branch should wipe "
        "his blades with spirit before he touches a healthy tree. I keep a rag soaked in methylated spirit "
        "in a tin with a tight lid, and the smell of it has become, for me, the smell of pruning.",
        "Lastly, the ladder and the gardener’s own safety. Most of the accidents in old orchards came not "
        "from the tools but from falls, and a man working alone at the top of a tall tree on a frosty "
        "morning is in more danger than he thinks. I made it a rule never to climb higher than the point "
        "at which I could still hold a branch with one hand, never to lean out to reach a cut, and to tell "
        "someone in the house when I was going up. The rule was made after a fall, as such rules usually "
        "are, and it was a small one, onto soft grass.",
    ]),
    ("THE FORMS OF TRAINED TREES", [
        "A tree left to itself grows into the shape its nature and its stock give it, and in a large "
        "orchard that is what most growers want. In a small garden, against a wall or along a path, the "
        "gardener can instead train a tree into a shape of his own choosing, and the old gardeners of "
        "walled kitchen gardens brought this art to a pitch that is hard to believe until one has seen "
        "an old espalier pear spread flat against brick, its arms forty feet from tip to tip.",
        "The espalier is a central stem with pairs of horizontal arms at intervals of about fifteen "
        "inches, one pair above another, each arm tied to a wire. It is made by cutting a young tree back "
        "to just above three good buds: the top bud is trained upward to continue the stem, and the two "
        "below it are trained out to either side, at first on canes set at an angle and later lowered to "
        "the horizontal. The next winter the process is repeated a tier higher, and so on until the wall "
        "is full.",
        "The fan is made in a similar way, but the arms radiate from a short trunk like the ribs of a "
        "lady’s fan, and it suits the stone fruits, peaches, apricots, cherries and plums, which do not "
        "take kindly to the hard spur pruning an espalier requires. The cordon is the simplest form of "
        "all: a single stem planted at an angle of forty-five degrees and kept clothed with short fruiting "
        "spurs along its whole length. A row of cordons two and a half feet apart lets a small garden hold "
        "a dozen varieties in the space of one standard tree.",
        "My russet went against the shed as a cordon, being the easiest form for a beginner, and a "
        "second russet from the same batch of grafts became the lowest tier of an espalier along the path "
        "to the gate. I confess the espalier is crooked. One arm rose while the other sulked, and to "
        "balance them I had to raise the weak arm nearer the vertical for a season, which encourages "
        "growth, and lower the strong one, which checks it. This is the whole secret of training: a shoot "
        "that points upward grows and a shoot that lies flat bears.",
        "Trained trees are not for the impatient, and still less for the absent. A standard apple in "
        "grass will forgive a missed winter of pruning; an espalier will not, for in one season its tidy "
        "arms are lost under a thicket of upright shoots. But for a gardener who walks round his trees "
        "every week, there is no pleasanter work than tying in a young arm on a June morning, and no "
        "prettier sight than a wall of blossom in April, flat as a tapestry.",
    ]),
    ("SUMMER PRUNING", [
        "Winter pruning makes a tree grow; summer pruning makes it bear. The old gardeners knew this long "
        "before anyone could explain it. A branch cut in the dormant season leaves the roots with the same "
        "store of food to feed fewer buds, and those buds burst out strongly in spring. A shoot shortened "
        "in high summer, when the tree is in full leaf, removes leaves that were working for the tree, and "
        "the tree answers by slowing down and setting fruit buds for the following year.",
        "The time to begin is when the current season’s shoots have stopped lengthening and the bark at "
        "their base has turned from green to brown and become woody. In the south this is usually in the "
        "second half of July for pears and early August for apples; here, on our cold clay, it came a good "
        "fortnight later. A shoot cut too early, while it is still soft, simply sends out fresh growth from "
        "the buds below the cut, and the work must be done again in September.",
        "On the cordon and the espalier the rule is simple. Every new shoot growing directly from a main "
        "arm is cut back to three leaves above the basal cluster, the little rosette of leaves where the "
        "shoot begins. Every shoot growing from an existing spur or side shoot is cut back to one leaf "
        "above the cluster. The leading shoot at the end of each arm is left alone until it has reached the "
        "length the gardener wants, and then it is treated like any other.",
        "For the big old trees summer pruning had another use. The water shoots that spring up in hundreds "
        "after a hard winter cut can be rubbed or snapped off by hand while they are still young and green, "
        "and a shoot removed in this way does not come back as a cluster of three or four, as it does when "
        "it is cut in winter. I spent several evenings in June going round the trees on a ladder doing "
        "nothing else, and the crop of water shoots the following year was less than half that of the "
        "first.",
        "Plums and cherries are best pruned only in summer, never in winter, because the spores of silver "
        "leaf and bacterial canker enter through cuts and are most active in the cold, wet months. After "
        "picking, while the weather is warm and the wounds heal quickly, I cut out the dead wood of our old "
        "plum and shortened a few branches that had grown out over the path. The silvery sheen that had "
        "begun to show on the leaves of one limb told me that the disease was already there, and that limb "
        "I removed entirely, cutting back to clean wood without any brown stain in the centre.",
    ]),
    ("FROST IN THE BLOSSOM SEASON", [
        "Every fruit grower learns to dread a certain kind of evening in late April or May: the wind dies "
        "away, the sky clears, and by nine o’clock the stars are hard and bright. An apple flower in full "
        "bloom is killed by a few degrees of frost, and the damage is not always plain to see. The petals "
        "may look perfectly fresh the next morning, but if one cuts a flower open the tiny pistil at its "
        "centre is black, and that flower will never set fruit.",
        "The most useful defence is the choice of varieties. Some apples flower early and some late, with "
        "three weeks or more between the earliest and the latest, and in a district where late frost is "
        "common the late flowerers escape most seasons. Our nameless cooker turned out, to my great luck, "
        "to be among the last of all to open, several days after every other tree in the orchard, and I "
        "suspect that this is why it had outlived so many of its neighbours in that cold hollow.",
        "For the trained trees against the shed there are more direct measures. On a threatening night I "
        "let down an old net curtain from a batten under the eaves, so that it hung a few inches in front "
        "of the blossom. It is remarkable how much protection so thin a covering gives: it holds in the "
        "warmth radiating from the brick and keeps off the clear sky, which is where the cold comes from. "
        "The curtain must come off again the next morning, or the bees cannot reach the flowers.",
        "The orchard growers of the old fruit districts used to light smudge fires of damp straw and "
        "prunings among the trees on frosty nights, in the belief that the smoke kept off the frost. There "
        "is something in it, for a pall of smoke hanging over the trees acts a little like a cloud, but "
        "the fires needed tending all night and the effect was small. A neighbour of ours who remembered "
        "such nights in his boyhood told me that the chief benefit had been to the growers themselves, who "
        "stood by the fires until dawn and felt that they were doing something.",
        "Water, oddly, can also protect a flower. When water freezes it gives off heat, and growers in "
        "some countries keep their trees sprayed with a fine mist through a frosty night, so that every "
        "flower is sealed in a coat of ice that holds it at the freezing point and no lower. This is not a "
        "method for a cottage garden, since it needs a great deal of water and must never stop until the "
        "thaw, but I mention it because it shows how narrow the margin is: a flower at freezing point "
        "lives, and a flower two or three degrees below it dies.",
    ]),
    ("BEES AND THE SETTING OF FRUIT", [
        "An apple flower must receive pollen from a different variety before it will set fruit, and the "
        "other variety must be in flower at the same time. A single tree of one sort standing alone will "
        "blossom year after year and bear almost nothing, however well it is pruned and fed. Many a "
        "disappointed gardener has blamed his soil or his pruning when the true cause was that his one "
        "tree had no partner within the range of a bee.",
        "The nurserymen divide varieties into groups by their time of flowering, usually numbered from the "
        "earliest to the latest, and a tree will generally be pollinated by any other variety in its own "
        "group or in the groups on either side. Some varieties are poor pollinators whatever their group, "
        "because their pollen is largely sterile; a tree of such a sort needs two partners, one to "
        "pollinate it and another to pollinate the partner. Crab apples, which flower over a long season "
        "and have abundant pollen, were often planted here and there in the old orchards for this reason.",
        "The work of carrying the pollen is done almost entirely by insects. Honey bees are the most "
        "numerous visitors in a settled spell of weather, but they are fair-weather workers and stay at "
        "home when it is cold or windy. The wild bees, the bumble bees and the small solitary bees that "
        "nest in holes in the ground or in old walls, fly in cooler and duller weather, and in a poor "
        "spring they may set most of the crop. I counted the visitors to one tree for ten minutes on each "
        "of several mornings and found the bumble bees the most regular of all.",
        "A hive two gardens away supplied our honey bees. Its owner, a retired schoolmaster, kept three "
        "colonies in white boxes under a walnut tree and could tell me, on any given day, which way his "
        "bees were working by the colour of the pollen they carried home in the baskets on their hind "
        "legs: pale yellow from the apple, a dull orange from the dandelions, and a greyish white that he "
        "said came from the pears. In return for the use of our orchard he brought us a jar of honey every "
        "autumn, and I think we had the better of the bargain.",
        "To help the wild bees I left a strip of the orchard grass uncut until midsummer, so that the "
        "dandelions, the buttercups and the white clover could flower, and I drilled holes of various "
        "sizes into a few old fence posts stacked in a sunny corner. Within a month some of the holes had "
        "been sealed with mud by small red bees that had laid their eggs inside. The next spring those "
        "same posts were busy with their daughters while the blossom was open, which seemed to me as neat "
        "an arrangement as any in the garden.",
    ]),
    ("THINNING THE CROP", [
        "A healthy apple tree in a good year sets far more fruit than it can bring to a decent size. Each "
        "flower cluster may carry five or six small fruitlets in early summer, and if they are all left "
        "the tree will give a heavy crop of small, poorly coloured apples, exhaust itself doing so, and "
        "very likely bear nothing at all the following year. Many old varieties fall easily into this "
        "habit of cropping every other year, which the books call biennial bearing, and once it is set it "
        "is hard to break.",
        "The tree does some of the thinning itself. Towards the end of June there is a natural fall of "
        "fruitlets, known in the old fruit districts as the June drop, when the ground under a heavily set "
        "tree becomes littered with little green apples the size of marbles. A beginner watching this for "
        "the first time is apt to think his tree is failing. It is not; it is simply shedding what it "
        "cannot feed, and the gardener’s work begins only after the drop is over.",
        "The centre fruit of each cluster, the king fruit, is often misshapen and should usually be taken "
        "off first. After that I left one apple to a cluster on the dessert varieties and one apple to "
        "every second cluster on the cooker, whose fruits grow large enough to weigh a pound apiece when "
        "given room, with about six inches between the fruits that remained. Any apple that was damaged, "
        "scabbed or bored by a grub went at the same time, and so did any pair touching one another, "
        "since the place where two fruits rub is where the rot and the insects begin.",
        "Thinning is done with a pair of narrow-bladed scissors or with the fingers, pressing the stalk of "
        "the unwanted fruit against the thumbnail so that it snaps cleanly without pulling the whole "
        "cluster from the spur. On the trained trees it took a morning. On the big trees it took a week "
        "of evenings on a ladder, and I did not finish the tallest of them at all, which gave me, without "
        "meaning to, a fair comparison: the thinned branches bore apples half as large again as the "
        "unthinned branches of the same tree, and better coloured.",
        "Pears need less thinning than apples, and only in years of very heavy set, when a single fruit to "
        "each cluster is enough. Plums need it more than is generally supposed. A laden plum branch will "
        "break under its own weight, especially on an old tree whose wood has grown brittle, and the "
        "wound it leaves is an open door to silver leaf. In the second summer I propped the heaviest limbs "
        "of the old plum with forked poles cut from the hedge, as my grandfather used to do, and thinned "
        "the fruit to a few inches apart along the rest.",
    ]),
    ("INSECTS OF THE ORCHARD", [
        "An orchard is home to a great number of insects, and only a few of them do any harm. The first "
        "lesson I had to learn was to tell the harmful few from the many that are harmless or useful, "
        "for a gardener who sprays at everything that moves kills the ladybirds, the lacewings and the "
        "hoverflies along with the aphids, and next year has more aphids than ever and nothing to eat "
        "them.",
        "The worst of the apple pests in our district is the codling moth. The moth itself is small and "
        "grey and flies at dusk in early summer, laying its eggs singly on the leaves and the young fruit. "
        "The caterpillar bores into the apple, usually through the eye, feeds on the core and leaves "
        "again through a tunnel in the side, plugged with a brown crumbly mass. An apple attacked in this "
        "way often ripens early and falls. The caterpillars leave the fruit to spin their cocoons under "
        "loose bark, and a band of old sacking tied round the trunk in July gives them a hiding place that "
        "the gardener can take off and burn in the winter.",
        "Aphids of several kinds curl the young leaves in spring, the rosy apple aphid being the most "
        "damaging, for it distorts the fruitlets as well as the leaves. Woolly aphid lives in colonies "
        "under a fluffy white covering in cracks of the bark and in old pruning wounds, where it causes "
        "knobbly swellings that split and let in canker. On our trees I dealt with the woolly aphid by "
        "scrubbing the colonies off with an old toothbrush dipped in methylated spirit, a slow task but a "
        "thorough one, and left the leaf aphids to the birds and the ladybirds, which had them under "
        "control by midsummer.",
        "The winter moth is a curious creature. The males fly on mild nights in November and December, "
        "but the females have no proper wings and must climb the trunk of the tree to lay their eggs in "
        "the crown. Their caterpillars, small green loopers, eat the opening buds and leaves in spring. "
        "A band of sticky grease painted round each trunk in October, and round each stake as well, "
        "catches most of the females on their climb, and by the end of the winter our bands were grey "
        "with trapped moths.",
        "Of the friends of the orchard, the earwig deserves a better name than it has. It eats aphids and "
        "the eggs of many pests by night, and it does little harm to apples beyond enlarging holes that "
        "something else has made. Blue tits work along the branches in winter taking the eggs and pupae of "
        "moths from the bark, and a pair nested in a box I put up on the old plum in our first spring. I "
        "watched them carry caterpillars into it from dawn until dark, one every minute or two, for the "
        "whole fortnight their brood was in the nest.",
    ]),
    ("CANKER, SCAB AND MILDEW", [
        "The fungous diseases of the apple are a larger subject than its insects, and the gardener has "
        "fewer weapons against them. I shall describe only the three that troubled our trees, and what I "
        "did about them, with the warning that I am a grower of a few years and not a man of science.",
        "Scab shows first as olive-green or brown blotches on the leaves in early summer, and later as dark, "
        "corky spots on the fruit, which may crack as it swells. A badly scabbed apple is still good to "
        "eat once it is peeled, but it stores poorly, since the cracks let in rot. The fungus passes the "
        "winter in the fallen leaves under the tree, and in spring its spores are shot up into the air "
        "on the first wet days to infect the new leaves. Raking up and burning the fallen leaves in autumn, "
        "or letting the mower chop them small so that the worms draw them down, breaks this cycle more "
        "surely than any spray.",
        "Some varieties are far more susceptible to scab than others, and in a wet district this matters "
        "more than any other quality. Of our old trees, the two that suffered worst were both fine "
        "dessert sorts bred for the dry east of the country, and in our damp valley they were scabbed every "
        "year without fail. The nameless cooker, by contrast, was almost clean, and the russet, whose rough "
        "brown skin seems to give the fungus no purchase, was entirely so.",
        "Canker is a more serious matter, for it attacks the wood and can kill whole branches. It begins "
        "as a small sunken patch of bark, often round a bud or a wound, which spreads year by year in "
        "rings until it girdles the branch, and everything beyond it dies. Small red fruiting bodies appear "
        "on the old cankers in winter. The only cure is the knife: the diseased bark must be cut out back "
        "to clean green tissue, and small branches with cankers are best removed altogether. Canker is "
        "worst on wet, badly drained ground, and the digging of a ditch along the lower side of our orchard "
        "did as much to check it as all my cutting.",
        "Mildew coats the young shoots and leaves in a whitish powder, stunting them, and it overwinters in "
        "the buds. A mildewed shoot is easy to spot in spring because the leaves open grey and narrow, and "
        "the remedy is to cut it out as soon as it is seen, before the spores spread to healthy shoots. I "
        "made a habit of carrying a pair of secateurs and a paper sack on every walk round the orchard in "
        "April and May, and at the end of the second spring there was far less to put in the sack than at "
        "the end of the first.",
    ]),
    ("THE PEAR", [
        "The pear is a more exacting tree than the apple. It flowers earlier and so suffers more from "
        "frost; it wants more warmth to ripen its fruit properly; and its best varieties, the buttery "
        "dessert pears that melt in the mouth, will only reach perfection against a warm wall in most of "
        "our northern country. In return a pear tree lives far longer than an apple. There are pears on "
        "old farms that were planted, by the account of the families who own them, three hundred years "
        "ago, and are still bearing.",
        "Our three pears were all large old standards, and all of them perry pears rather than dessert "
        "ones: small, hard, gritty fruits so astringent that a single bite dries the mouth. For a long time "
        "I could not think why anyone had planted them at the bottom of a cottage garden. It was the old "
        "schoolmaster with the bees who explained that the cottage had once been part of a farm, and that "
        "every farm in the valley used to make its own perry from trees like these.",
        "The greatest difficulty with a dessert pear is knowing when to pick it. An apple can be left on "
        "the tree until it is ripe; a pear cannot. If a pear ripens on the tree it goes mealy and brown at "
        "the core, and the only way to have it at its best is to pick it while it is still hard and let it "
        "finish in a cool room. Early varieties are picked when they will just part from the spur with a "
        "gentle lift and twist; late ones are picked in October and may not be fit to eat until January.",
        "Even then the gardener must watch them closely. A pear passes from hard to perfect to sleepy in a "
        "matter of days, and there is a saying among growers that a good pear is fit to eat for only a "
        "single hour, and that hour is in the middle of the night. I used to bring a few at a time from the "
        "store into the warmth of the kitchen and test them each morning by pressing gently near the stalk, "
        "eating them the day that the flesh there gave a little under my thumb.",
        "I planted a young dessert pear on quince against the south wall of the house in our second "
        "winter, trained as a fan, and chose for it an old variety with a reputation for flavour and for "
        "tolerating a cold district. Another variety of the same flowering season went in beside it for "
        "pollination. They will not bear well for some years yet. I expect, if all goes as it should, to "
        "be an old man by the time they reach the eaves.",
    ]),
    ("PLUMS, DAMSONS AND CHERRIES", [
        "The stone fruits keep a different calendar from the apple and the pear. They flower earlier, ripen "
        "earlier, and must be pruned in the growing season rather than in winter. They are also shorter "
        "lived, and the gardener who plants a plum should not expect it to outlast him as a pear may. Our "
        "old split plum was, by the schoolmaster’s reckoning, about seventy years of age, which is a great "
        "age for a plum, and he thought it had been grown from a sucker rather than grafted.",
        "Its fruit was a small, oval, purple plum with a heavy bloom, sweet when fully ripe and very good "
        "for jam, and it came in such quantity in alternate years that the branches touched the grass. In "
        "the years between it bore almost nothing. The wasps found every fallen plum within minutes, and "
        "I learned to pick the fruit every other day in the ripening fortnight, rather than wait for a "
        "single great picking, and to gather up the windfalls each evening.",
        "The damson in the hedge was the most trouble-free tree we had. Damsons are hardy, tolerant of poor "
        "and wet ground, and so little troubled by disease that they were once planted as windbreaks round "
        "the edges of orchards of more delicate fruit. The fruit is small and tart and hardly worth eating "
        "raw, but it makes the best jam and the best cheese of any plum, the cheese being a stiff paste of "
        "the sieved fruit boiled down with sugar until a spoon drawn across the pan leaves a clean track.",
        "Cherries I have left almost to the last, because we had none and I have planted only one. Sweet "
        "cherries make very large trees on their ordinary stocks and, until recently, were grown only in "
        "the great cherry orchards, where men climbed sixty-rung ladders to pick them and boys were paid to "
        "scare off the birds with rattles from dawn till dusk. The sour cherry, the morello, is a smaller "
        "tree that crops well on a north wall where nothing else will ripen, and it was a morello, trained "
        "as a fan, that I set against the cold side of the shed.",
        "Birds are the chief enemy of the cherry. A blackbird will strip a small tree in a morning once the "
        "fruit begins to colour, and a flock of starlings can do it in an hour. The only real defence is "
        "a net, hung from the eaves and pegged to the ground, and it must be put up before the fruit shows "
        "any red at all, because birds that have once found a tree will search along every inch of the "
        "net for a way in.",
    ]),
    ("GATHERING THE CROP", [
        "An apple is ready to pick when it parts easily from the spur if it is lifted in the palm of the "
        "hand and given a slight twist. If it must be pulled, it is not ready. The first windfalls that "
        "are sound, rather than bored by a grub, are another sign, and so are the pips, which turn from "
        "white to brown as the fruit ripens. The early varieties are eaten straight from the tree and will "
        "not keep more than a week or two; the late ones are picked in October, before the first hard "
        "frost, and are not ready to eat until they have lain in store for a month or more.",
        "Picking is a gentle business. An apple bruised in the picking will rot in the store, and a rotten "
        "apple in a store is the beginning of many more. I picked into a canvas bag slung round the neck, "
        "with its bottom closed by a drawstring, so that I could use both hands on the ladder and empty the "
        "bag into a basket on the ground by loosening the string rather than tipping the fruit out. Each "
        "apple was laid, not dropped, and any with a broken stalk or a bruise was set aside for use first.",
        "The ladder deserves a word. The long, narrow orchard ladder of the old growers, tapering to a "
        "single point at the top, is made to be leaned into the crown of a tree, where it rests among the "
        "branches rather than against any one of them. A wide builder’s ladder, such as I used in the first "
        "year, needs a firm branch on both sides of the top, which in an apple tree is seldom to be found, "
        "and it pressed upon and broke two fruiting spurs for every apple I picked from it.",
        "The nameless cooker gave us, in that first proper year, eleven bushels from three trees, the best "
        "fruit of which were near to a pound and a half in weight. The russet gave only two bushels, being "
        "young and on a dwarfing root. The old dessert trees, scabbed as they were, gave a good deal more "
        "than we could eat, and the surplus went to the neighbours, to the school for the children’s "
        "dinners and, in the end, to the cider press.",
        "A few varieties should be named for what they teach about picking. Some early apples ripen "
        "unevenly, those on the sunny outside of the tree a week before those in the shade, and they must "
        "be picked over three or four times. Some late keepers hang so firmly that they will still be on "
        "the tree in November, long after they should have gone into store. A ripe russet is best picked "
        "slightly early, for if it is left too long the skin shrivels in store. The grower learns these "
        "things tree by tree, and no book can tell him all of them.",
    ]),
    ("THE APPLE STORE", [
        "The keeping apple is one of the oldest means of carrying fresh food through the winter, and before "
        "the days of cold stores and imported fruit a good store of late apples was the difference between "
        "fresh fruit at Christmas and none. The conditions an apple needs are simple to state and hard to "
        "provide: it must be cool, but not frozen, damp enough that the fruit does not shrivel, dark, and "
        "with a little movement of air. An old cellar, a stone outhouse or a shed on the north side of a "
        "house will often serve.",
        "Ours was a cellar under the back kitchen, with a grating at ground level that let in a current of "
        "cool air. I built racks of slatted trays along one wall, each tray shallow enough to hold a single "
        "layer of fruit, with a gap between the slats for air and a gap between the trays for my hand. The "
        "fruit was laid out so that no two apples touched, the best keepers at the bottom and those for "
        "early use at the top, where they could be seen and reached.",
        "Some growers wrap each apple in a square of oiled paper or newspaper, which slows the loss of "
        "moisture and keeps the rot of one apple from spreading to its neighbours. I wrapped half of the "
        "cooker crop and left the other half bare as a trial, and by March the wrapped fruit was firmer and "
        "less shrivelled, though there was no difference in the number that had rotted. Russets shrivel "
        "more than any other kind in a dry store and benefit most from the paper.",
        "Apples and pears should never be stored together, nor apples near potatoes or onions. A ripening "
        "apple gives off a gas that hastens the ripening of everything near it, and pears stored beside "
        "apples pass their brief best before they are noticed. Onions lend their smell to the apples, and "
        "the potatoes, being stored in sacks, hold the damp and the warmth that the fruit should be spared. "
        "Our potatoes went into a clamp in the garden, covered with straw and earth, and the cellar was "
        "left to the fruit alone.",
        "The store must be looked over every week, and every apple that shows a brown spot removed at once. "
        "It is easy to neglect this task in the short dark days after Christmas, and I did neglect it for "
        "a fortnight in our first winter, at a cost of two trays of fruit. By the second winter I had a "
        "habit of going down with a lamp every Sunday evening, and there was a certain pleasure in it, the "
        "cold smell of the cellar and the rows of apples glowing under the light.",
    ]),
    ("CIDER AND PERRY", [
        "Every orchard in a cider country once had its own press, and many farms their own mill, a great "
        "circular stone trough in which a stone wheel, drawn round by a horse, crushed the apples to a "
        "pulp. The pulp was built up on the bed of the press into a tall square cheese, in layers wrapped "
        "in straw or in coarse cloth, and the screw of the press was turned down on it until the juice "
        "ran out into a stone tub at the foot. The pressed cake, the pomace, went to the pigs.",
        "The proper cider apples are mostly small and bitter, of a kind called bittersweets and "
        "bittersharps, with a great deal of tannin in their flesh. Eaten raw they are dreadful. In cider "
        "they give body and a dry, lasting taste that a cider made only from dessert and cooking apples "
        "lacks. We had no true cider trees, so our first cider was made from the surplus of the dessert "
        "trees and the cooker, with a basket of crab apples from the hedge to lend it some bite, and it "
        "was thin but clean and perfectly drinkable.",
        "We borrowed a small wooden press from a farm in the next parish and crushed the fruit in a tub "
        "with the end of a fence post, a method I cannot recommend to anyone who values his shoulders. The "
        "juice went into a cask that had held sherry, scrubbed and scalded, and it was left to ferment with "
        "the wild yeasts that live on the skins of the fruit, as the old makers did. For a fortnight the "
        "cask hissed and foamed at the bung; then it quietened, and in the spring we drew off the cider "
        "from the dregs into a clean cask.",
        "Perry is made from perry pears in the same way, though the pears must be left to ripen for a few "
        "days after picking, and they must be milled and pressed promptly once they are ready, for a perry "
        "pear rots from the inside within days. Our three old trees gave enough for a small cask, and the "
        "perry, when at last it cleared, was pale and delicate and far better than the cider. I now "
        "understood why a farmer would plant a tree whose fruit no one could eat.",
        "The old makers had many rules for the work, some of them sensible and some merely habit. The "
        "fruit should be mellowed in heaps in the open for a week or two before milling, which softens it "
        "and raises the sugar. The cask should never be filled while the juice is working, but topped up "
        "as the fermentation slows. And the cider should not be drunk until the cuckoo has been heard, "
        "which is as good a way as any of telling a beginner to leave it alone until the spring.",
    ]),
    ("OLD VARIETIES AND THEIR NAMES", [
        "The nameless cooker troubled me for two years. I took fruit from it to an autumn show at the "
        "market town, where a gentleman from a horticultural society sat behind a trestle table naming "
        "apples for anyone who brought them, and he turned my apples over, cut one across and then down, "
        "tasted it, smelled it, looked hard at the stalk and the eye, and shook his head. It was like "
        "several sorts he knew and exactly like none of them.",
        "He explained that apples are named by a great many small signs taken together: the shape of the "
        "fruit and whether it is ribbed at the crown, the depth and width of the cavity round the stalk, "
        "whether the eye is open or closed and the little leaves round it upright or flat, the colour and "
        "pattern of the flush, the russet and its position, the texture and colour of the flesh, and the "
        "shape of the core seen in the cut apple. Season of ripening and keeping counts as well, and the "
        "time of flowering. No one sign settles the matter, and a single apple grown in a poor year can "
        "mislead even an expert.",
        "There are, he said, some thousands of named apple varieties in the old lists, and many hundreds of "
        "them are still grown somewhere, in a collection or in a single garden. A great many more were "
        "purely local, raised as a chance seedling on one farm and grafted by the neighbours for a few "
        "miles round, known by a local name and never written down anywhere. When the old orchards were "
        "grubbed up, such varieties vanished without anyone noticing, and it is quite possible that our "
        "cooker is the last of one of them.",
        "The local names are a study in themselves. They record the farm or the family that raised the "
        "apple, the village it came from, its colour or its shape, the season when it ripened, or simply "
        "some quality that pleased the people who ate it. Many describe how long the fruit would keep, "
        "and many more are plain nicknames whose meaning is now lost. In the next valley there is a pear "
        "the old people call by a word that nobody can now explain, and which the schoolmaster believes to "
        "have been the name of a house that stood there before the enclosures.",
        "Since no one could name our cooker, we named it ourselves, after the lane, and I sent scion wood "
        "to a collection of old fruit varieties that keeps trees of unknown sorts under a number until "
        "someone recognises them. If it proves to be something already known, I shall be glad to learn "
        "its proper name. If not, it will at least not die with our trees, and a gardener a hundred years "
        "from now may pick its apples in some other orchard without ever knowing where it began.",
    ]),
    ("THE ORCHARD FLOOR", [
        "Beneath the trees the ground was rough grass, thick with cocksfoot and nettles and, in the wettest "
        "corner, rushes. Grass is the traditional floor of an orchard, and for big trees on vigorous stocks "
        "it does no harm once the trees are established; indeed it checks their growth a little, which "
        "suits a tree that is inclined to make wood rather than fruit. For young trees and for trees on "
        "dwarfing stocks it is another matter, for their roots are shallow and the grass takes the water "
        "and the nitrogen before they can.",
        "I therefore kept a bare circle, about a yard across, round each young tree for its first four "
        "years, and mulched it every spring. Round the old trees the grass was left, but mown, and the "
        "mowings were left where they fell, so that their goodness went back into the ground. This is the "
        "simplest way to feed an orchard in grass. The old growers also grazed sheep under their trees, "
        "whose droppings did the same work, though sheep will strip the bark of young trees if they are "
        "not protected by strong guards.",
        "An apple tree needs less feeding than most garden plants, and too much nitrogen does harm, "
        "producing soft, lush growth that mildew and aphids delight in, and fruit that is large, poorly "
        "coloured and quick to rot in store. What apples need most is potash, which firms the wood, colours "
        "the fruit and improves its keeping. On our heavy clay there was enough of everything else, and "
        "the ashes from the wood fire, kept dry in a bin and scattered under the trees in late winter, "
        "supplied the potash.",
        "The condition of the trees is the best guide to their feeding. A tree that makes a foot or more of "
        "new growth at the tips of its branches each year, with large dark leaves, wants no more nitrogen. "
        "A tree that makes only an inch or two, with small pale leaves, is hungry, or short of water, or "
        "both. A tree whose leaves are scorched brown at their edges in summer is generally short of "
        "potash. I measured the new growth on one marked branch of each tree every autumn and wrote the "
        "figure in my notebook, and it was this that told me the old trees wanted nothing but the grass "
        "mowings and a little ash.",
        "In spring the orchard floor was the prettiest part of the garden. Snowdrops came up under the old "
        "plum in February, then primroses along the bank, cowslips in the drier grass and, in a good year, "
        "a few wild daffodils that had spread from bulbs someone planted long ago. I mowed paths through "
        "the grass to each tree and left the rest long until the flowers had seeded, which pleased the "
        "bees and spared me a great deal of mowing.",
    ]),
    ("RESTORING THE OLD TREES", [
        "By the second winter I had gained enough confidence to go back to the old apple trees with a "
        "plan. The rule of a quarter each winter meant that their restoration would take three or four "
        "years, and I decided on an order of work for each tree: first the dead and diseased wood, then "
        "one or two of the largest branches of the upper crown, then the crossing and crowded branches "
        "inside, and lastly the long, drooping limbs that had bent down almost to the grass under their "
        "own weight.",
        "A big branch must be taken off in stages, or its weight will tear it away before the saw is "
        "through, stripping a long tongue of bark down the trunk. The first cut is made from below, a foot "
        "or so out from the trunk, a third of the way through the branch; the second from above, a little "
        "further out, so that the branch breaks cleanly between the two; and the last cut removes the "
        "remaining stub just outside the collar, the slight swelling where the branch joins the trunk, "
        "from which the healing wood will grow.",
        "The older books advised painting every large wound with tar or with a proprietary dressing. The "
        "newer opinion is that such dressings do more harm than good, sealing damp and spores into the "
        "wood rather than keeping them out, and that a clean cut made in the right place will heal best if "
        "it is left alone. I followed the newer opinion, partly from conviction and partly because I had "
        "no tar, and the cuts I made in that winter were, three years later, closing neatly from the edges "
        "inward.",
        "The removal of a large branch in winter brings up water shoots round the wound the next summer, "
        "often dozens of them. Most must go, but a few, well placed, can be kept and trained to fill a gap "
        "in the tree. A water shoot bent down in summer and tied to a lower branch will form fruit buds "
        "along its length within two years, and in this way the old trees gradually gained a new, lower "
        "framework of young wood in place of the tall, bare crown they had before.",
        "One of the nine old apples I did not restore at all. It was hollow to the roots, its bark was "
        "ringed with canker, and it leaned so far that it was held up only by a branch resting on the "
        "hedge. Yet it was full of life of another kind: woodpeckers had made holes in its upper trunk, "
        "a little owl roosted in its hollow, and the rotting heartwood was alive with beetles. I took off "
        "enough of its top to make it safe and left the rest standing, and it bore a few apples every year "
        "until a gale finally brought it down.",
    ]),
    ("THE ORCHARD LEDGER", [
        "My father kept a garden diary for forty years, a small brown book for each year with a line for "
        "every day, and I have followed his example in the orchard. It is the most useful tool I own. A "
        "memory, however good, rounds off its figures and confuses one year with another; a ledger does not. "
        "Without mine I should now believe, as I did for a long time, that the russet flowered earlier than "
        "the cooker, when the ledger shows that it did so in only one year of the five.",
        "Each tree has its page, and on it I write the dates of bud burst, first flower, full flower and "
        "petal fall, the estimated set, the date and weight of the picking, the keeping of the fruit in "
        "store and any trouble from pests or disease. The weather of the blossom fortnight goes in a "
        "separate column, with the lowest temperature of each night read from a thermometer hung on the "
        "espalier wire. When a crop fails, the reason can often be read straight off the page.",
        "A ledger also keeps a gardener honest about his own work. It is pleasant to believe that a "
        "particular treatment has cured a particular trouble, and most garden remedies owe their "
        "reputation to nothing more than this pleasant belief and a kind season. Where I have tried a "
        "treatment on some trees and not on others, and written down the results of both, I have several "
        "times found that the treated trees did no better, which was disappointing but worth knowing.",
        "Over five years the ledger shows some plain lessons. The cooker flowered last in every year and "
        "cropped in every year, though less in the years after a heavy crop. The two scabby dessert trees "
        "cropped well only in dry summers. The young grafts first bore in their third summer and the "
        "cordon russet in its second. And the blossom was caught by frost in two years of the five, in "
        "both cases on a still night just after full flower, with the lowest reading on the wire two "
        "degrees below freezing.",
        "Anyone who keeps such a record for a few years will find that it becomes a kind of conversation "
        "with the trees. One learns their habits as one learns the habits of a neighbour, and they become "
        "individuals rather than a row of apple trees. I have caught myself, on a walk round the orchard in "
        "April, apologising aloud to the old cooker for the lateness of its pruning, and I do not think "
        "I am the first orchard keeper to have done so.",
    ]),
    ("BUDDING AND TOP-WORKING", [
        "Grafting with a scion is not the only way to join a variety to a stock. Budding, which the "
        "nurserymen use for most of their young trees, joins a single bud instead of a length of shoot, "
        "and it is done in summer rather than in spring. Its great advantage is economy: one shoot of the "
        "current year may carry a dozen good buds, and each of them can make a tree, where the same shoot "
        "would make only three or four scions.",
        "The bud is cut from the middle of a strong shoot in late July or August, when the bark of the stock "
        "lifts easily from the wood, with a shield of bark an inch long round it and a thin sliver of wood "
        "behind it, which is flicked out with the point of the knife. A T-shaped cut is made in the bark of "
        "the stock a few inches above the ground, the two flaps of bark are eased up, and the shield is "
        "slid in beneath them and bound with raffia, leaving the bud itself uncovered.",
        "If the bud has taken, its leaf stalk falls off at a touch within a fortnight, while a dead bud "
        "keeps its shrivelled stalk. Nothing more happens until the following spring, when the stock is cut "
        "off just above the bud and the bud grows away as the new tree. Of twenty buds I put into stocks "
        "in our second August, fourteen took, which the nurseryman said was fair for a first attempt and "
        "would be thought a poor day’s work by his own men.",
        "Top-working is the art of changing the variety of a grown tree by grafting new scions onto its "
        "branches. The two scabby dessert trees, which would never do well in our wet valley, were obvious "
        "candidates. In the spring I cut back four main branches of each to stumps about three inches "
        "thick, and into each stump I set two scions by the method called rind grafting, in which the "
        "scion, cut to a long wedge, is slid down between the bark and the wood of the stump.",
        "Six of the scions were of our nameless cooker and ten of a sound, scab-resistant russet from the "
        "collection that had taken our scions in exchange. Nearly all of them took, and because they were "
        "fed by the roots of a full-grown tree they grew with astonishing vigour, some of them putting on "
        "four feet in the first summer. The second year they flowered, and the third year each of the two "
        "old trees bore a crop of a variety that it had never carried before, from a root that had been "
        "in the ground for sixty years.",
    ]),
    ("QUINCES, MEDLARS AND THE HEDGE", [
        "No account of an old orchard would be complete without the lesser fruits that grew on its "
        "margins. Our hedge held, besides the damson, an old quince, a medlar half smothered in ivy, two "
        "crab apples and a great many blackthorn bushes whose sloes the village children gathered every "
        "autumn. None of them is much grown now, and all of them were once valued.",
        "The quince bears a large, golden, downy fruit of a wonderful scent, so hard that it cannot be "
        "eaten raw. A single quince in a bowl will scent a whole room, and a few slices cooked with apples "
        "change the dish entirely. Its flesh, long cooked with sugar, turns a deep rose red and sets into "
        "a firm paste that was once eaten as a sweetmeat after dinner. The tree is small, twisted and "
        "untidy, and it likes a damp place, which was as well, since ours stood at the lowest and wettest "
        "corner of the orchard.",
        "The medlar is stranger still. Its fruit is brown and round, open at the end in a wide eye that "
        "gave it several coarse country names, and it is picked hard in November and left in the store "
        "until it goes soft and brown inside, a change the old books call bletting. Only then is it fit to "
        "eat, and it tastes, to my mind, somewhat of dates and somewhat of apple sauce with a little wine "
        "in it. I cut the ivy from our medlar in the first winter, and the next autumn it bore more fruit "
        "than anyone in the house would eat.",
        "The crab apples were kept for their pollen and for the jelly their sour fruit makes, a clear amber "
        "jelly to be eaten with cold meat. One of them bore small scarlet fruits that hung on the tree all "
        "winter, and the fieldfares and redwings, arriving from the north in late autumn, stripped it in "
        "the first hard frost of January. I have come to think that a few such trees, whose fruit nobody "
        "picks, are an honest part of an orchard’s business, and that the birds they feed return the "
        "favour in the summer, in caterpillars.",
        "The hedge itself, once laid, became the boundary and the shelter of the whole orchard, and the "
        "place where most of its living creatures came and went. Hedgehogs nested in its bottom and came "
        "out at night to hunt slugs along the borders; wrens sang from it in every month of the year; and "
        "a pair of bullfinches, handsome and destructive, took the buds from the damson in March. I forgave "
        "them, for they took far fewer buds than the damson could spare.",
    ]),
    ("THE FIRST BLOSSOM", [
        "The pruned trees rewarded us the following spring with more blossom than we had ever seen on them. "
        "Bees from a hive two gardens away worked the orchard from morning until dusk. That autumn we "
        "picked apples by the basket, stored the cookers in slatted trays in the cellar, and found that "
        "the nameless variety kept, sound and sharp, until March.",
        "It was the blossom of the young grafts, though, that I had waited for most. The first flowers "
        "opened on the cordon russet against the shed, a single cluster of five, pink in the bud and white "
        "when open, on a tree that had been a bare stick in a bundle three winters before. I picked none of "
        "its fruit that year, taking the fruitlets off after the June drop so that the young tree would "
        "spend its strength on root and branch, and it was the hardest piece of thinning I have done.",
        "An orchard teaches patience. A graft made this year will not crop for three or four, and a tree "
        "planted now will give its best fruit to whoever lives here after us. That, I have come to think, "
        "is the point.",
    ]),
]


def _chapter(number: int, title: str, paragraphs: list[str]) -> str:
    return f"{_ROMAN[number]}. {title}\n\n" + "\n\n".join(textwrap.fill(p, 72) for p in paragraphs)


_ROMAN = ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV",
          "XVI", "XVII", "XVIII", "XIX", "XX", "XXI", "XXII", "XXIII", "XXIV", "XXV"]

_SMALL = {"and", "of", "the", "in", "a"}


def _title_case(title: str) -> str:
    words = title.lower().split()
    return " ".join(w if i and w in _SMALL else w[0].upper() + w[1:] for i, w in enumerate(words))


CONTENTS = "CONTENTS\n\n" + "\n".join(f" {_ROMAN[i]}. {_title_case(t)}" for i, (t, _) in enumerate(CHAPTERS, 1))

PREFACE_TEXT = "PREFACE\n\n" + "\n\n".join(textwrap.fill(p, 72) for p in PREFACE)

BODY = "\n\n\n".join([TITLE_PAGE, PREFACE_TEXT, CONTENTS, *(_chapter(i, t, ps) for i, (t, ps) in enumerate(CHAPTERS, 1))])
