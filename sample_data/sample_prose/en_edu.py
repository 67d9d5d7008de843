"""English educational articles, part 1: biology, earth science, physics, maths."""

LANG = "en"

ARTICLES = {
    "photosynthesis": {
        "title": "How Photosynthesis Turns Sunlight into Sugar",
        "author": "Maya Okafor",
        "date": "12 April 2023",
        "body": """
Every leaf on a tree is a small factory that runs on sunlight. Inside it, water drawn up from
the roots and carbon dioxide taken from the air are rearranged into sugar, and oxygen is released
as a by-product. This process, called photosynthesis, feeds almost every food chain on Earth, and
the oxygen it releases makes up about a fifth of the air we breathe.

## Where it happens

Photosynthesis takes place inside chloroplasts, tiny green structures packed into the cells of
leaves and young stems. A single leaf cell can contain dozens of them. Their green colour comes
from chlorophyll, a pigment that absorbs red and blue light very well but reflects most green
light, which is why leaves look green to us. Chloroplasts contain stacks of flattened membrane
sacs called thylakoids, surrounded by a fluid called the stroma. The two stages of photosynthesis
happen in these two places.

## The light-dependent reactions

The first stage happens in the thylakoid membranes. When chlorophyll absorbs light, the energy
excites electrons to a higher energy level. These energetic electrons are passed along a chain of
proteins, and their energy is used to pump hydrogen ions across the membrane. As the ions flow
back through an enzyme called ATP synthase, the cell produces ATP, a molecule that stores energy
in a form the cell can spend later. The electrons also end up on a carrier molecule called NADPH.
To replace the electrons that chlorophyll has given away, the plant splits water molecules. This
is where the oxygen comes from: it is released from water, not from carbon dioxide, a fact that
scientists confirmed in the twentieth century using heavy isotopes of oxygen.

## The Calvin cycle

The second stage takes place in the stroma and does not need light directly, although it depends
on the ATP and NADPH made in the first stage. Here an enzyme called rubisco attaches carbon
dioxide from the air to a five-carbon sugar. The resulting molecule is split, rearranged and
reduced using the stored energy, and after several turns of the cycle the plant has built a
three-carbon sugar that can be turned into glucose, sucrose, starch or cellulose. Rubisco is slow
and sometimes grabs oxygen by mistake, which wastes energy, so plants make enormous amounts of it.
It is often described as the most abundant protein on the planet.

## Why it matters

The overall equation is often written as six molecules of carbon dioxide plus six molecules of
water, with light energy, giving one molecule of glucose and six molecules of oxygen. That neat
summary hides many steps, but it captures the essential trade: plants take in a gas that is low
in energy and store the energy of sunlight in chemical bonds. When animals eat plants, or eat
other animals that ate plants, they are ultimately living on that stored sunlight. Coal, oil and
natural gas are also the remains of ancient photosynthesis, which is why burning them returns
carbon dioxide that was removed from the atmosphere millions of years ago.

Understanding photosynthesis also helps farmers and ecologists. Light, water, temperature and
carbon dioxide levels all limit how fast it can run, and the factor in shortest supply usually
sets the pace. A greenhouse grower who adds carbon dioxide on a bright winter day, or a gardener
who moves a potted plant closer to a window, is making use of the same principle.
""",
    },
    "mitosis": {
        "title": "Mitosis: How One Cell Becomes Two",
        "author": "Daniel Reyes",
        "date": "2 May 2023",
        "series": True,
        "body": """
Your body replaces millions of cells every second. Skin flakes away, the lining of the gut is
worn down by digestion, and red blood cells wear out after roughly four months. The new cells
that take their place are produced by cell division, and in most tissues the division of the
nucleus happens through a process called mitosis. Its goal is simple to state: produce two
daughter cells that carry exactly the same genetic information as the parent.

## Getting ready

Before a cell divides it spends most of its life in interphase, growing, doing its normal job
and, crucially, copying its DNA. After copying, each chromosome consists of two identical sister
chromatids joined at a region called the centromere. A human cell entering mitosis therefore
holds 46 chromosomes, each made of two chromatids. The cell also duplicates its centrosomes, the
structures that will organise the machinery for pulling the chromosomes apart.

## The stages

Biologists divide mitosis into stages, although in a living cell they flow smoothly into one
another.

- In prophase the long, thin chromosomes coil up tightly and become visible under a light microscope, and the spindle begins to form.
- In prometaphase the nuclear envelope breaks down and spindle fibres attach to each chromosome at its centromere.
- In metaphase the chromosomes line up along the middle of the cell, an imaginary plane called the metaphase plate.
- In anaphase the sister chromatids are pulled apart to opposite ends of the cell, so each end receives one complete set.
- In telophase new nuclear envelopes form around the two sets and the chromosomes begin to unwind.

Mitosis is usually followed by cytokinesis, the division of the cytoplasm. In animal cells a ring
of protein fibres pinches the cell in two, a little like tightening a drawstring. Plant cells
have rigid walls and cannot pinch, so they build a new wall, called the cell plate, across the
middle instead.

## Checks and balances

A cell that divided with a missing or extra chromosome could malfunction, so the process is
guarded by checkpoints. The best known is the spindle checkpoint, which holds the cell in
metaphase until every chromosome is properly attached. Only when the last attachment is in place
does the cell commit to anaphase. When these controls fail, cells may divide without restraint,
and that loss of control is one of the defining features of cancer.

## Where you can see it

The tip of an onion root is a classic place to watch mitosis in a school laboratory, because the
cells there divide rapidly. After staining a thin squash of root tip, students can usually find
cells in every stage and can estimate how long each stage lasts by counting how many cells are
caught in it. If a fifth of the dividing cells are in metaphase, metaphase takes up roughly a
fifth of the time spent in mitosis.
""",
    },
    "meiosis": {
        "title": "Meiosis: Why Sex Cells Carry Half a Set",
        "author": "Daniel Reyes",
        "date": "16 May 2023",
        "series": True,
        "body": """
Almost every cell in your body contains two sets of chromosomes, one inherited from each parent.
If eggs and sperm carried two sets as well, the number would double with every generation.
Meiosis prevents this. It is a special type of cell division that takes place only in the
reproductive organs, and it produces cells with a single set of chromosomes, known as haploid
cells. When an egg and a sperm fuse at fertilisation, the full double set is restored.

## Two divisions, not one

Like mitosis, meiosis begins after the cell has copied its DNA. The difference is that the cell
then divides twice. In the first division, meiosis I, the matching chromosomes from mother and
father, called homologous pairs, find each other and line up side by side. The pairs are then
separated, so each daughter cell receives one chromosome from every pair. In the second division,
meiosis II, the sister chromatids of each chromosome are pulled apart, much as in mitosis. One
starting cell therefore gives rise to four haploid cells.

## Shuffling the genetic deck

Meiosis does more than halve the chromosome number. It also creates variety, in two main ways.
The first is crossing over. While the homologous chromosomes are paired during the first
division, they can exchange matching stretches of DNA. A chromosome that leaves meiosis is
therefore usually a patchwork of segments from the grandmother and grandfather on that side of
the family.

The second source of variety is independent assortment. When the pairs line up before
separating, the orientation of each pair is random. Humans have 23 pairs, so a single person can
produce about eight million different combinations of whole chromosomes, before crossing over is
even considered. This is why brothers and sisters with the same parents can look so different
from one another.

## When things go wrong

Occasionally a pair of chromosomes fails to separate properly, an event called non-disjunction.
The resulting egg or sperm has one chromosome too many or one too few. Most embryos with such
errors do not develop, but some survive. Down syndrome, for example, is usually caused by an
extra copy of chromosome 21. The risk of non-disjunction in eggs rises with the age of the
mother, partly because egg cells begin meiosis before birth and pause for many years before
finishing it.

## Eggs and sperm are made differently

In males, meiosis produces four sperm cells of equal size from each starting cell, and it
continues throughout adult life. In females, the divisions are unequal. Most of the cytoplasm
goes to one large egg, while the other products become tiny polar bodies that eventually break
down. Concentrating the cytoplasm in a single cell gives the egg the stores it needs to support
the embryo in its first days.
""",
    },
    "water_cycle": {
        "title": "The Water Cycle: Earth's Endless Recycling System",
        "author": "Maya Okafor",
        "date": "7 June 2023",
        "body": """
The water in your glass this morning may once have fallen as snow on a mountain, drifted in a
cloud over the ocean or passed through the roots of a tree. Earth has held roughly the same
amount of water for billions of years, and it moves constantly between the oceans, the air and
the land. Scientists call this movement the water cycle, or the hydrological cycle.

## Evaporation and transpiration

The cycle is driven by energy from the Sun. When sunlight warms the surface of the ocean, some
water molecules gain enough energy to escape into the air as water vapour. The oceans supply most
of the vapour in the atmosphere, but lakes, rivers and wet soil contribute too. Plants add a
surprising amount through transpiration: they draw water from the soil through their roots and
release it through tiny pores in their leaves. A single large tree can give off hundreds of
litres on a hot summer day. Ice and snow can also turn directly into vapour without melting
first, a process called sublimation.

## Condensation and clouds

Warm, moist air rises, and as it rises it expands and cools. Cooler air cannot hold as much
vapour, so some of it condenses into tiny droplets around specks of dust, salt or smoke. Billions
of these droplets together form a cloud. The droplets are so small that air currents keep them
aloft. Only when they collide and merge into drops heavy enough to overcome rising air do they
fall as rain. In cold clouds, ice crystals grow at the expense of droplets and may fall as snow,
or melt on the way down.

## Back to the surface

Precipitation that reaches the ground follows several paths. Some runs off the surface into
streams and rivers and eventually returns to the sea. Some soaks into the soil, where plants can
use it, and some seeps deeper to become groundwater, filling the spaces between grains of sand
and cracks in rock. Groundwater can stay underground for days or for thousands of years before it
emerges in springs or flows into rivers. In cold regions, snow may build up into glaciers and ice
sheets, locking water away for very long periods.

## Why it matters

The water cycle moves heat as well as water. Evaporation absorbs energy at the surface, and
condensation releases that energy high in the atmosphere, which helps power storms. It also
purifies water naturally, because dissolved salts are left behind when water evaporates. A
warming climate speeds up parts of the cycle: warmer air can hold more moisture, which tends to
make heavy downpours heavier, while higher temperatures dry out soils faster between rains.
Understanding these links helps engineers plan reservoirs, farmers plan irrigation and
communities prepare for both floods and droughts.
""",
    },
    "plate_tectonics": {
        "title": "Plate Tectonics: Why the Continents Move",
        "author": "Samuel Achterberg",
        "date": "21 June 2023",
        "body": """
Look at a map of the Atlantic Ocean and you may notice that the bulge of South America would fit
rather neatly into the curve of West Africa. People noticed this as soon as reasonably accurate
maps were available, but it took until the 1960s for geologists to agree on an explanation.
Today that explanation, the theory of plate tectonics, is the framework for understanding
earthquakes, volcanoes, mountain ranges and the shape of the ocean floor.

## A broken shell

The outer layer of Earth, called the lithosphere, is rigid and is broken into about a dozen large
plates and many smaller ones. The plates include both the crust and the uppermost part of the
mantle, and they are typically around 100 kilometres thick. They rest on a hotter, weaker layer
called the asthenosphere, which can flow very slowly, like extremely stiff putty. The plates move
at a few centimetres per year, roughly the rate at which your fingernails grow.

## Evidence from the sea floor

The German scientist Alfred Wegener argued in the early twentieth century that the continents had
drifted apart. He pointed to matching fossils and rock formations on different continents, but he
could not explain what force moved them, and most geologists rejected his idea. The decisive
evidence came from the ocean floor. Surveys after the Second World War revealed a long chain of
underwater mountains running down the middle of the Atlantic. Rocks on either side of this ridge
were found to record the direction of Earth's magnetic field at the time they cooled, and because
the field flips from time to time, the rocks formed stripes of alternating magnetism that matched
on both sides of the ridge. New sea floor was being made at the ridge and carried away in both
directions.

## Three kinds of boundary

Most geological action happens where plates meet. At divergent boundaries, such as mid-ocean
ridges, plates move apart and molten rock rises to fill the gap. At convergent boundaries, plates
move towards each other. If an ocean plate meets a continent, the denser ocean plate sinks
beneath it in a process called subduction, producing deep trenches, powerful earthquakes and
chains of volcanoes like those along the west coast of South America. If two continents collide,
neither sinks easily, and the crust crumples upwards into great mountain ranges; the Himalayas
are still rising as India pushes into Asia. At transform boundaries, plates slide past each other
sideways, and the sudden release of built-up strain causes earthquakes, as along the San Andreas
Fault in California.

## What drives the plates

The energy ultimately comes from heat inside Earth. Slow convection in the mantle plays a part,
but many geologists think the most important force is slab pull: the cold, dense edge of a
sinking plate drags the rest of the plate behind it. Whatever the exact balance of forces, the
result is a planet whose surface is constantly, if very slowly, being recycled.
""",
    },
    "vaccines": {
        "title": "How Vaccines Teach the Immune System",
        "author": "Dr Hannah Cole",
        "date": "3 March 2023",
        "body": """
Your immune system learns from experience. The first time it meets a particular virus or
bacterium, it takes days to mount a strong defence, and during that time the germ can make you
seriously ill. The second time, it usually recognises the invader immediately and destroys it
before symptoms appear. A vaccine exploits this memory. It shows the immune system what a germ
looks like without exposing the body to the dangerous disease itself.

## Recognising the enemy

Immune cells identify invaders by their antigens, which are distinctive molecules, often
proteins, on the surface of a germ. White blood cells called B cells carry receptors that fit
particular antigens. When a B cell's receptor meets a matching antigen, and it receives the right
signals from helper T cells, it multiplies and begins producing antibodies. Antibodies are
Y-shaped proteins that latch onto the antigen, neutralise the germ and mark it for destruction.
Other cells, called killer T cells, find and destroy body cells that have already been infected.

## Memory cells

After an infection is cleared, most of these specialised cells die off, but a small population of
memory B cells and memory T cells remains, sometimes for decades. If the same antigen appears
again, the memory cells respond faster and more strongly than the first time. This is why people
rarely catch measles twice.

## Different ways to show the antigen

Vaccines differ in how they present antigens to the immune system. Some contain a weakened form
of the live germ that can still multiply a little but does not cause serious disease. Others
contain germs that have been killed, or only selected pieces of them, such as a single surface
protein. Some vaccines use a harmless virus as a delivery vehicle, and messenger RNA vaccines give
cells a temporary set of instructions for making one antigen, so that the immune system can learn
to recognise it. In each case the aim is the same: to produce memory without the risks of the
full infection. Many vaccines also contain an adjuvant, an ingredient that attracts immune cells
to the injection site and strengthens the response.

## Why several doses are sometimes needed

A single exposure does not always create strong or lasting memory. Booster doses remind the
immune system and increase the number of memory cells. For germs that change quickly, such as
influenza viruses, the antigens themselves shift from year to year, so the vaccine must be
updated regularly to match the strains that are circulating.

## Protecting the community

When most people in a community are immune, a germ struggles to find new hosts and outbreaks die
out. This indirect protection, often called herd immunity, shields people who cannot be
vaccinated, such as newborn babies or patients whose immune systems are weakened by treatment.
The proportion of immune people needed depends on how contagious the disease is; for a highly
contagious virus like measles, it is well above ninety per cent.
""",
    },
    "newton": {
        "title": "Newton's Three Laws of Motion, Explained Simply",
        "author": "Samuel Achterberg",
        "date": "30 August 2023",
        "body": """
In 1687 Isaac Newton published three short statements about how objects move. They look almost
obvious when written down, yet they allow engineers to predict the path of a football, the
stopping distance of a train and the orbit of a satellite. Together they are known as Newton's
laws of motion.

## The first law: inertia

An object stays at rest, or keeps moving in a straight line at a constant speed, unless a force
acts on it. This contradicts everyday experience, because a ball rolled across the floor
eventually stops. Newton's insight was that the ball stops because forces such as friction and
air resistance act on it. On an icy pond, where friction is small, a puck slides a very long way.
In deep space, a probe coasts for years without using its engines. The tendency of an object to
keep doing what it is already doing is called inertia, and the more mass an object has, the more
inertia it has.

## The second law: force and acceleration

When a force does act, the object accelerates, meaning its speed or direction changes. The second
law says that the acceleration is proportional to the force and inversely proportional to the
mass. It is usually written as force equals mass times acceleration. Push an empty shopping
trolley and a full one with the same effort, and the empty one speeds up much more quickly. The
law also explains why forces are measured in newtons: one newton is the force needed to
accelerate a mass of one kilogram by one metre per second every second.

Acceleration depends on the total, or net, force. If you push a heavy box with a force of 100
newtons and friction pushes back with 100 newtons, the net force is zero and the box does not
accelerate, even though you are pushing hard.

## The third law: action and reaction

Whenever one object pushes on another, the second object pushes back with a force of equal size
in the opposite direction. When you jump, your legs push down on the ground and the ground pushes
you up. A rocket pushes hot gas out of its nozzle, and the gas pushes the rocket forwards. The two
forces in such a pair always act on different objects, which is why they do not cancel each other
out.

## Limits of the laws

Newton's laws work extremely well for the speeds and sizes we meet in daily life, and they are
still used to plan most space missions. They break down for objects moving close to the speed of
light, where Einstein's theory of relativity is needed, and for very small particles such as
electrons, which are described by quantum mechanics. For bridges, cars, sports and planets,
however, Newton remains an excellent guide.
""",
    },
    "pythagoras": {
        "title": "The Pythagorean Theorem and Why It Works",
        "author": "Priya Raman",
        "date": "9 January 2024",
        "body": """
If you have ever wondered how a builder checks that a corner is square, or how a phone works out
the distance between two points on a map, the answer often involves a rule that is at least two
and a half thousand years old. The Pythagorean theorem describes a special relationship between
the sides of a right-angled triangle.

## The statement

In a right-angled triangle, the longest side is opposite the right angle and is called the
hypotenuse. The theorem says that the square of the hypotenuse equals the sum of the squares of
the other two sides. If the two shorter sides have lengths a and b and the hypotenuse has length
c, then a squared plus b squared equals c squared. The classic example has sides of 3, 4 and 5:
nine plus sixteen equals twenty-five.

## A proof you can draw

There are hundreds of known proofs, but one of the clearest uses rearrangement. Draw a large
square whose sides each have length a plus b. Inside it, place four copies of the triangle so
that their hypotenuses form a tilted square in the middle. The area of that tilted square is c
squared. Now slide the same four triangles into a different arrangement inside the large square,
so that they form two rectangles in opposite corners. The space left over is now two smaller
squares, one with area a squared and one with area b squared. The large square and the four
triangles have not changed, so the empty space must be the same in both pictures. Therefore a
squared plus b squared equals c squared.

## Using it in practice

Suppose a ladder 5 metres long leans against a wall with its foot 1.4 metres from the wall. How
high up the wall does it reach? The ladder is the hypotenuse, so the height squared equals 25
minus 1.96, which is 23.04. The square root of 23.04 is 4.8, so the ladder reaches 4.8 metres up
the wall.

Builders use the 3-4-5 triangle to set out square corners. They measure 3 units along one wall
and 4 along the other; if the diagonal between the two marks is exactly 5 units, the corner is a
right angle. Larger multiples, such as 6, 8 and 10, give better accuracy on big sites.

## Beyond the triangle

The theorem leads directly to the distance formula used in coordinate geometry. The distance
between two points is the square root of the sum of the squared differences in their
coordinates, which is simply the hypotenuse of a triangle drawn between them. The same idea
extends to three dimensions, where a box's longest diagonal can be found by applying the theorem
twice.

Whole numbers that satisfy the theorem, such as 5, 12 and 13, are called Pythagorean triples.
Babylonian scribes recorded lists of such triples on clay tablets more than a thousand years
before Pythagoras was born, which suggests the relationship was known long before it carried his
name.
""",
    },
    "primes": {
        "title": "Prime Numbers: The Building Blocks of Arithmetic",
        "author": "Priya Raman",
        "date": "23 January 2024",
        "body": """
A prime number is a whole number greater than one that can be divided exactly only by one and by
itself. The first few primes are 2, 3, 5, 7, 11 and 13. A number greater than one that is not
prime, such as 12, is called composite, because it can be built by multiplying smaller numbers
together. The number one is not counted as prime, for reasons that become clear below.

## Why primes are special

Every whole number greater than one can be written as a product of primes, and there is only one
way to do it, apart from the order of the factors. For example, 60 equals 2 times 2 times 3 times
5, and no other collection of primes multiplies to 60. This result is known as the fundamental
theorem of arithmetic. It explains why primes are often compared to atoms: they are the pieces
from which all other numbers are assembled. If one were counted as prime, the uniqueness would
fail, because we could add as many factors of one as we liked.

## Finding primes

A simple way to list primes is the sieve of Eratosthenes, named after a Greek scholar who lived
in Alexandria. Write down the numbers from 2 up to some limit. Circle 2 and cross out every
multiple of 2. The next number not crossed out is 3, so circle it and cross out its multiples.
Continue in this way. The circled numbers are the primes. You only need to sieve with primes up
to the square root of the limit, because any composite number below the limit must have at least
one factor that small.

To test a single number, you can try dividing it by each prime up to its square root. To check
whether 221 is prime, you only need to try primes up to 14. It turns out that 221 equals 13 times
17, so it is composite.

## How many are there?

Euclid proved more than two thousand years ago that the primes never run out. Suppose there were
only a finite list of them. Multiply them all together and add one. The new number leaves a
remainder of one when divided by any prime on the list, so either it is prime itself or it has a
prime factor missing from the list. Either way the list was incomplete.

Although primes never end, they become rarer as numbers grow. Around one million, roughly one
number in fourteen is prime; around one billion, roughly one in twenty-one. Yet primes also
appear in close pairs, such as 11 and 13 or 101 and 103, and whether there are infinitely many of
these twin primes is still an open question.

## Primes at work

Primes are not only a mathematical curiosity. Much of the encryption that protects online banking
relies on the fact that multiplying two large primes is easy, while recovering them from their
product is extremely slow with known methods.
""",
    },
}
