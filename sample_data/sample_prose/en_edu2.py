"""English educational articles, part 2: probability, history, programming, economics."""

LANG = "en"

ARTICLES = {
    "probability": {
        "title": "A First Look at Probability",
        "author": "Priya Raman",
        "date": "6 February 2024",
        "body": """
Probability is the mathematics of uncertainty. It gives us a way to describe how likely an event
is, using a number between zero and one. An event with probability zero cannot happen, an event
with probability one is certain, and most events of interest lie somewhere in between. Weather
forecasts, insurance premiums, medical test results and games of chance all rely on the same
basic ideas.

## Equally likely outcomes

The simplest situations are those in which every outcome is equally likely. A fair six-sided die
has six outcomes, so the probability of rolling a four is one in six. The probability of rolling
an even number is three in six, or one half, because three of the six outcomes are even. In
general, when outcomes are equally likely, the probability of an event is the number of
favourable outcomes divided by the total number of outcomes.

## Combining events

Two events are independent if the result of one does not change the chances of the other.
Tossing a coin and rolling a die are independent. To find the probability that two independent
events both happen, multiply their probabilities. The chance of tossing heads and rolling a six
is one half times one sixth, which is one in twelve.

If two events cannot happen at the same time, they are called mutually exclusive, and the
probability that one or the other happens is found by adding. Rolling a one and rolling a two are
mutually exclusive, so the probability of rolling a one or a two is two sixths. A useful shortcut
is the complement rule: the probability that something does not happen is one minus the
probability that it does. The chance of rolling at least one six in four rolls is easiest to find
this way. The chance of no six in four rolls is five sixths multiplied by itself four times, about
0.48, so the chance of at least one six is about 0.52.

## Probability and frequency

If you toss a fair coin ten times you might easily get seven heads. If you toss it ten thousand
times, the proportion of heads will almost certainly be very close to one half. This tendency is
called the law of large numbers, and it connects probability to the long-run frequencies we
observe. It does not mean that the coin corrects itself. After five heads in a row, the next toss
is still equally likely to be heads or tails. Believing otherwise is known as the gambler's
fallacy.

## Conditional probability

Sometimes new information changes the probabilities. Suppose a medical test is quite accurate but
the disease it detects is rare. Most positive results may then come from the large number of
healthy people who receive false alarms, rather than from the small number of people who are
actually ill. Reasoning carefully about such situations, using a rule known as Bayes' theorem, is
one of the most practical skills that probability offers.
""",
    },
    "printing_press": {
        "title": "Gutenberg's Press and the Spread of Printed Books",
        "author": "Eleanor Whitcombe",
        "date": "14 September 2023",
        "body": """
Before the middle of the fifteenth century, a book in Europe was usually copied by hand. A
skilled scribe might need months to produce a single Bible, and books were correspondingly rare
and expensive. Around 1450, in the German city of Mainz, a goldsmith named Johannes Gutenberg
combined several existing technologies into a system that could produce hundreds of identical
copies. Within fifty years, printing shops had spread to more than two hundred European towns.

## What Gutenberg actually invented

Printing itself was not new. Craftsmen in China had printed texts from carved wooden blocks for
centuries, and movable type made of baked clay and later metal had been used in China and Korea.
Gutenberg's contribution was a practical way to make large quantities of metal type quickly and
accurately. He developed a hand mould that could cast thousands of letters of exactly the same
height, using an alloy of lead, tin and antimony that melted easily and hardened quickly. He also
adapted the screw press, already used for pressing grapes and olives, and created an oil-based
ink that stuck to metal better than the water-based inks used for woodblocks.

## Setting a page

A compositor picked individual letters from a type case and arranged them in a handheld stick,
line by line, reversing the text so that it would read correctly when printed. The lines were
locked into a frame, inked with leather balls and pressed onto damp paper. After printing, the
type was cleaned and returned to the case to be used again. The famous Gutenberg Bible, completed
around 1455, has 42 lines to a column, and about 180 copies are thought to have been printed,
some on paper and some on vellum.

## Consequences

The effects of printing were enormous, although they unfolded over generations. The price of
books fell, and more people had reasons to learn to read. Scholars could compare identical copies
of a text, which made it easier to correct errors and build on each other's work. Standard
spellings and grammar gradually became more settled because the same printed forms circulated
widely. Printed pamphlets allowed ideas to travel quickly; in the early sixteenth century, Martin
Luther's writings were reprinted across the German lands at a speed no scribe could have matched,
and they helped fuel the Reformation.

Printing also changed the economics of knowledge. Printers were business owners who needed to
sell what they produced, so they printed almanacs, grammar books, calendars and popular stories
as well as religious and scholarly works. Some historians argue that the regular publication of
scientific observations, which depended on print, was one of the conditions that made the
scientific revolution possible.

## A lasting design

The basic method of movable type remained in use, with improvements, for about four hundred
years, until mechanical typesetting machines and later photographic and digital methods replaced
it.
""",
    },
    "aqueducts": {
        "title": "How the Romans Brought Water to Their Cities",
        "author": "Eleanor Whitcombe",
        "date": "28 September 2023",
        "body": """
Ancient Rome at its height was home to perhaps a million people, and they used a remarkable
amount of water. Public fountains, bathhouses, latrines, gardens and the homes of the wealthy
were all supplied by a network of aqueducts that carried water from springs and rivers in the
hills, sometimes more than ninety kilometres away. Eleven major aqueducts were eventually built
to serve the city, the first in 312 BC and the last in the third century AD.

## Gravity did the work

Roman aqueducts had no pumps. They relied entirely on gravity, so the channel had to slope gently
downhill all the way from the source to the city. The gradient was often tiny, in some stretches
only a few tens of centimetres per kilometre. Too steep a slope would make the water flow fast
enough to erode the channel; too shallow a slope would let it stagnate. Surveyors used
instruments such as the chorobates, a long table with a water groove that served as a level, and
the groma, which helped them set out straight lines.

## Mostly underground

The famous rows of arches are the most photographed part of the system, but they were the
exception. Most of the length of a typical aqueduct ran underground, in a covered channel cut
into the rock or built of stone and concrete. Underground channels were cheaper to build,
protected the water from heat and dirt, and were harder for enemies to damage. Arches were used
only where the channel had to cross a valley while keeping its gentle slope. Where a valley was
too deep for arches, engineers sometimes used an inverted siphon, a sealed pipe that ran down one
side of the valley and up the other, with the water pushed upwards by the pressure of the water
behind it.

The channels were lined with a waterproof mortar, and their inner surfaces gradually became
coated with mineral deposits from hard water. Inspection shafts allowed workers to climb down and
clean them. Settling tanks along the route let sand and grit sink to the bottom before the water
reached the city.

## Distribution in the city

At the city end, water flowed into distribution tanks that divided it among different uses.
Public fountains and basins, which ordinary people relied on, generally had priority. Private
customers paid for a connection through lead pipes stamped with the owner's name, and illegal
taps were a constant problem for the officials in charge. The water ran continuously, and the
overflow helped flush the sewers.

## A lasting legacy

Several Roman aqueducts still stand, such as the great bridge near Segovia in Spain, and one
ancient channel was restored to supply Rome's famous Trevi Fountain. The principles behind them,
careful surveying, steady gradients and protected channels, remained the basis of water
engineering for many centuries.
""",
    },
    "silk_road": {
        "title": "The Silk Road: A Network, Not a Single Route",
        "author": "Omar Haddad",
        "date": "11 October 2023",
        "body": """
The name Silk Road suggests a single highway running from China to the Mediterranean, but the
reality was very different. It was a shifting web of land and sea routes that connected East
Asia, Central Asia, India, Persia, Arabia, East Africa and Europe for more than fifteen
centuries. The term itself was popularised only in the nineteenth century by a German geographer,
Ferdinand von Richthofen.

## Goods in motion

Silk was indeed one of the most prized goods travelling west. Chinese producers guarded the
secret of raising silkworms for centuries, and Roman writers complained about how much gold
flowed east to pay for the fabric. But silk was only part of the story. Spices, pepper and cotton
cloth came from India; horses from the Central Asian steppe; glassware and silver from the Roman
and later Byzantine world; paper and porcelain from China. Few merchants travelled the whole
distance. Goods were usually passed from trader to trader, and prices rose at every stage.

## Cities of the oases

Much of the overland route crossed deserts and mountains, so travellers depended on oasis towns
where water, food and rest were available. Cities such as Samarkand, Bukhara and Kashgar grew
rich by providing markets, warehouses and inns known as caravanserais. Camels, which can carry
heavy loads and go several days without drinking, were the backbone of caravan transport in the
dry regions. Local rulers taxed the trade and sometimes protected it, while wars and banditry
could close routes for years at a time.

## Ideas travel too

The Silk Road carried ideas as well as goods. Buddhism spread from India into Central Asia and
China along these routes, and Buddhist cave temples with wall paintings survive at oasis sites
such as Dunhuang. Later, Islam spread eastwards along the same paths. Technologies moved as well:
papermaking reached the Islamic world in the eighth century and eventually Europe. Foods such as
grapes, and music, art styles and languages, were exchanged and mixed.

Not everything that travelled was welcome. Historians widely believe that the plague that
devastated Europe in the fourteenth century, the Black Death, moved westwards along trade routes
across Central Asia and the Black Sea.

## Decline and revival

From the fifteenth century onwards, European sailors found sea routes around Africa to India and
China, and maritime trade became cheaper than long caravan journeys. The overland routes declined
in importance, although regional trade continued. In recent years the name has been revived for
modern transport and investment projects, a sign of how strongly the image of the ancient network
still captures the imagination.
""",
    },
    "binary_search": {
        "title": "Binary Search: Finding Things Fast in Sorted Data",
        "author": "Lena Kowalczyk",
        "date": "19 July 2023",
        "body": """
Imagine looking for a word in a printed dictionary. You would not start at the first page and
read every entry. Instead you open the book somewhere near the middle, see whether your word
comes before or after that page, and repeat the process on the half that must contain it. That
strategy is the idea behind binary search, one of the most useful algorithms in programming.

## How it works

Binary search works on a list that is already sorted. It keeps track of a range of positions
where the target could still be, starting with the whole list. At each step it looks at the
element in the middle of the range. If that element is the target, the search is over. If the
target is smaller, the search continues in the left half; if it is larger, the search continues
in the right half. When the range becomes empty, the target is not in the list.

Suppose we search for 37 in the sorted list 3, 8, 15, 21, 37, 42, 56, 70, 88. The middle element
is 37, so we find it in one step. If we search for 56 instead, the middle element 37 is too
small, so we discard the left half and look at 42, 56, 70 and 88. The middle of that range is 56,
and we are done after two comparisons.

## Why it is fast

Every comparison halves the number of remaining candidates. A list of a thousand items needs at
most about ten comparisons, and a list of a million needs about twenty. In general the number of
steps grows with the logarithm of the list size, which computer scientists write as O(log n). A
simple linear search, which checks every element in turn, may need a million comparisons for the
same list.

## Common mistakes

Binary search is famous for being easy to describe and surprisingly easy to get wrong. The most
frequent bugs involve the boundaries of the range. If the code updates the lower bound to the
middle position instead of one past it, the loop may never finish when two elements remain.
Another classic problem is computing the middle position as the sum of the two bounds divided by
two, which can overflow in languages with fixed-size integers when the list is very large.
Calculating the lower bound plus half the distance to the upper bound avoids this.

It is a good habit to test an implementation on an empty list, a list with one element, a target
smaller than every element, a target larger than every element and a list containing repeated
values.

## Beyond lists

The same halving idea appears in many places. Version control tools use it to find the commit
that introduced a bug by testing the midpoint of a range of changes. Numerical methods use it to
find where a function crosses zero. Whenever a question can be answered yes or no, and the
answers switch from no to yes only once along an ordered range, binary search can find the
switching point quickly.
""",
    },
    "hash_tables": {
        "title": "Hash Tables: How Dictionaries Find Keys in Constant Time",
        "author": "Lena Kowalczyk",
        "date": "2 August 2023",
        "body": """
Many programming languages offer a built-in way to store values under keys: Python calls it a
dictionary, Java offers a HashMap, and most other languages have something similar. Behind most
of these sits a data structure called a hash table. Its great promise is that looking up a key
takes roughly the same time whether the table holds ten entries or ten million.

## The basic idea

A hash table stores its entries in an array of slots, often called buckets. To decide where a key
belongs, the table passes the key through a hash function, which turns it into a number. That
number is reduced to a valid slot index, for instance by taking the remainder after dividing by
the number of slots. To look the key up later, the table simply computes the same hash again and
goes straight to the right slot, instead of searching through every entry.

A good hash function is fast and spreads keys evenly across the slots. It must also be
deterministic: the same key must always produce the same hash, otherwise stored entries could
never be found again. This is why many languages do not allow mutable objects, such as lists, to
be used as dictionary keys.

## Collisions

Because there are usually far more possible keys than slots, two different keys will sometimes
land in the same slot. This is called a collision, and every hash table needs a strategy for
dealing with it. In separate chaining, each slot holds a small list of all the entries that
hashed there, and a lookup checks that short list. In open addressing, all entries live directly
in the array; if a slot is taken, the table probes other slots in a fixed sequence until it finds
a free one. Lookups follow the same sequence until they find the key or an empty slot.

## Keeping it fast

The load factor is the number of entries divided by the number of slots. As it rises, collisions
become more common and operations slow down. Most implementations therefore grow the table when
the load factor passes a threshold, often somewhere between one half and three quarters. Growing
means allocating a larger array and reinserting every entry, which is expensive, but because the
table typically doubles in size each time, the cost averages out to a small constant per
insertion.

In the worst case, if many keys collide, a hash table can be as slow as a plain list. Attackers
have exploited this by sending carefully chosen keys to web servers, so many modern languages use
hash functions with a random secret seed that changes every time a program starts.

## Trade-offs

Hash tables do not keep keys in any useful order, so if you need to list entries from smallest to
largest, a balanced search tree or a sorted array may be a better choice. They also use extra
memory for empty slots. For fast membership tests and lookups by key, however, they are hard to
beat.
""",
    },
    "recursion": {
        "title": "Understanding Recursion Without the Headache",
        "author": "Tobias Lindqvist",
        "date": "16 August 2023",
        "body": """
A function is recursive when it calls itself. The idea can feel strange at first, like a
dictionary that defines a word by using the same word, but recursion is a natural way to solve
problems that contain smaller copies of themselves. Folders contain folders, sentences contain
clauses, and a family tree contains smaller family trees.

## Two essential parts

Every correct recursive function has two parts. The base case is a situation simple enough to
answer directly, without any further calls. The recursive case breaks the problem into a smaller
version of itself, calls the function on that smaller version and uses the result. As long as
each call moves closer to the base case, the chain of calls eventually stops.

The factorial of a number is a standard example. The factorial of 5 is 5 times 4 times 3 times 2
times 1. A recursive definition says that the factorial of 0 is 1, which is the base case, and
the factorial of any larger number n is n multiplied by the factorial of n minus 1. To compute
the factorial of 3, the function asks for the factorial of 2, which asks for the factorial of 1,
which asks for the factorial of 0. That last call returns 1 immediately, and the answers are
multiplied together on the way back: 1, then 1, then 2, then 6.

## The call stack

Each time a function is called, the computer sets aside a small record, called a stack frame, to
hold that call's variables and the place to return to. Recursive calls pile these frames on top
of each other. When the base case returns, the frames are removed one by one. If the base case is
missing or never reached, frames keep piling up until the program runs out of stack space and
crashes with a stack overflow. Many languages also limit how deep recursion may go; Python's
default limit is around one thousand calls.

## When recursion shines

Recursion is especially elegant for data that is naturally nested. Walking through every file in
a folder and all its subfolders is straightforward: process the files in this folder, then call
the same function on each subfolder. Sorting algorithms such as merge sort split a list in half,
sort each half recursively and merge the results. Many puzzles, from the Towers of Hanoi to
finding paths through a maze, have short recursive solutions.

## When to be careful

A naive recursive function can repeat work. Computing Fibonacci numbers by calling the function
on the two previous numbers recalculates the same values again and again, and the running time
explodes. Storing results that have already been computed, a technique called memoisation, fixes
this. For simple counting loops, an ordinary loop is usually clearer and uses less memory.
Recursion is a tool, not a goal, and the best programmers use it when it makes the structure of a
problem easier to see.
""",
    },
    "supply_demand": {
        "title": "Supply and Demand: How Markets Set Prices",
        "author": "Grace Mbeki",
        "date": "4 October 2023",
        "body": """
Why does a punnet of strawberries cost more in winter than in June? Why do hotel prices jump when
a big festival comes to town? Economists answer questions like these with one of their most
basic models: supply and demand. It describes how the interaction between buyers and sellers
determines both the price of a good and the quantity that changes hands.

## Demand

Demand describes how much of a good buyers are willing and able to purchase at different prices.
For most goods, people buy more when the price falls and less when it rises. This relationship is
called the law of demand, and drawn on a graph with price on the vertical axis and quantity on
the horizontal axis, it gives a line or curve sloping downwards. Other factors shift the whole
curve. If incomes rise, or a product becomes fashionable, or the price of a substitute goes up,
buyers want more at every price, and the demand curve moves to the right.

## Supply

Supply describes how much sellers are willing to offer at different prices. Higher prices usually
make production more profitable, so the supply curve slopes upwards. Changes in the cost of
producing the good shift the supply curve. A frost that destroys part of an orange harvest, or a
rise in the price of fuel, reduces the quantity available at every price and shifts supply to the
left. A new technology that lowers costs shifts it to the right.

## Equilibrium

The market price settles where the two curves cross, at the point where the quantity buyers want
equals the quantity sellers offer. This is called equilibrium. If the price is above that level,
sellers find themselves with unsold stock and tend to cut prices. If the price is below it,
shortages appear, queues form and sellers realise they can charge more. These pressures push the
price back towards equilibrium, without anyone needing to coordinate them.

Applying the model to the strawberry example: in winter, strawberries must be grown in heated
greenhouses or transported from far away, so supply is lower and the equilibrium price is higher.
During a festival, demand for hotel rooms rises sharply while the number of rooms stays fixed, so
prices climb.

## Elasticity

Economists also ask how strongly quantities respond to price changes, a property called
elasticity. Demand for petrol is fairly inelastic in the short run, because people still need to
drive to work when prices rise. Demand for a particular brand of breakfast cereal is elastic,
because shoppers can easily switch to a competitor. Elasticity matters for businesses setting
prices and for governments designing taxes.

## Limits of the model

The simple model assumes many buyers and sellers, good information and no single firm able to set
the price. Real markets often depart from these conditions, and economists have developed richer
models for monopolies, markets with hidden information and goods that nobody can be excluded from
using. Even so, supply and demand remains the starting point for almost every question about
prices.
""",
    },
    "inflation": {
        "title": "What Is Inflation and Why Does It Matter?",
        "author": "Grace Mbeki",
        "date": "18 October 2023",
        "body": """
Inflation is a general rise in the prices of goods and services over time. When inflation is at
five per cent a year, a basket of shopping that cost 100 pounds last year costs about 105 pounds
today. Put the other way round, each unit of money buys a little less than before. Inflation does
not mean that every price rises at the same speed, or that no price ever falls; it describes the
average movement across the economy.

## Measuring it

Statistical agencies measure inflation by tracking the prices of a large, fixed basket of goods
and services that a typical household buys, from bread and rent to bus fares and haircuts. Each
item is weighted according to how much households spend on it. The resulting figure is called a
consumer price index, and the inflation rate is the percentage change in that index over a year.
Because spending habits change, the basket is updated regularly; smartphones and streaming
services have entered the basket in recent years while items such as film cameras have left it.

## Causes

Economists often distinguish between two broad causes. Demand-pull inflation happens when total
spending in the economy grows faster than the economy's ability to produce goods and services, so
businesses can raise prices. Cost-push inflation happens when the costs of production rise, for
example when energy prices jump, and firms pass those costs on to customers. Expectations also
matter. If workers and businesses expect prices to rise, they ask for higher wages and set higher
prices in advance, which can make inflation persist.

Over long periods, inflation is closely linked to how quickly the amount of money in the economy
grows relative to output. Extreme cases, called hyperinflation, have almost always involved
governments printing money to pay their bills.

## Winners and losers

Unexpected inflation redistributes wealth. Borrowers with fixed-rate loans gain, because they
repay with money worth less than the money they borrowed. Savers holding cash lose purchasing
power. People on fixed incomes, or whose wages rise more slowly than prices, find their living
standards squeezed. Inflation also makes planning harder, because it becomes difficult to tell
whether a price rise reflects real scarcity or simply the general drift.

## Why central banks aim for low, steady inflation

Many central banks aim to keep inflation around two per cent a year. A little inflation is seen
as healthier than falling prices, because deflation can encourage people to delay purchases and
makes debts harder to repay. The main tool is the interest rate. Raising interest rates makes
borrowing more expensive and saving more attractive, which cools spending and eventually eases
price pressures. Lowering rates does the opposite. Because these effects take a year or more to
work through the economy, central banks must act on forecasts rather than waiting to see the
final figures.
""",
    },
}
