"""Educational articles for the standalone HTML files in web/pages/ (not in any WARC)."""

# filename -> article (filenames ending in .gz are written gzip-compressed with mtime 0)
PAGES = {
    "how-bridges-carry-loads.html": {
        "lang": "en",
        "site": "Open Engineering Notes",
        "title": "How Bridges Carry Their Loads",
        "author": "Ruth Okonkwo",
        "date": "3 May 2024",
        "body": """
A bridge has one basic job: to carry its own weight, and the weight of whatever crosses it,
safely to the ground. Engineers describe this as finding a path for the loads. Different bridge
types solve the problem in different ways, and the choice depends on the distance to be spanned,
the ground conditions and the materials available.

## Two kinds of force

Almost every part of a bridge is either being squeezed or being stretched. Squeezing is called
compression, and stretching is called tension. Stone and concrete are very strong in compression
but crack easily under tension. Steel cables are excellent in tension but would buckle if you
tried to push on them. Good bridge design puts each material where its strengths are used.

## Beams

The simplest bridge is a beam resting on two supports, like a plank across a stream. When a load
presses down in the middle, the top of the beam is compressed and the bottom is stretched. That
is why concrete beams contain steel reinforcing bars near their lower edge. Beams work well for
short spans, but they become very heavy as the span grows.

## Arches

An arch turns the downward push of a load into compression that follows the curve of the arch to
the ground. Because the whole arch is squeezed, it can be built from stone blocks without any
mortar at all, as long as the supports at each end are strong enough to resist the outward push.
Many arch bridges built centuries ago are still in use.

## Suspension and cable-stayed bridges

For the longest spans, engineers hang the deck from cables. In a suspension bridge, the main
cables drape between tall towers and are anchored into massive blocks at each end; vertical
hangers connect the cables to the deck. In a cable-stayed bridge, straight cables run directly
from the towers to the deck in a fan or harp pattern. In both cases, the cables work in tension
and the towers in compression, which lets a slender deck cross hundreds of metres of open water.
""",
    },
    "the-greenhouse-effect.html": {
        "lang": "en",
        "site": "Climate Basics",
        "title": "The Greenhouse Effect in Plain Language",
        "author": "Amit Sharma",
        "date": "17 May 2024",
        "body": """
Without its atmosphere, Earth would be a frozen world. Calculations suggest that the average
surface temperature would be around minus eighteen degrees Celsius, instead of the roughly
fifteen degrees we actually enjoy. The difference is due to the greenhouse effect, a natural
process that keeps our planet habitable.

## Sunlight in, heat out

Sunlight reaches Earth mostly as visible light, which passes easily through the air. About a
third is reflected straight back to space by clouds, ice and bright surfaces. The rest is absorbed
by the land and oceans, which warm up. Any warm object gives off energy as infrared radiation,
which we cannot see but can feel as heat from a sunny wall in the evening.

## Gases that trap heat

Nitrogen and oxygen, which make up almost all of the air, let infrared radiation pass straight
through. A few gases present in much smaller amounts behave differently. Water vapour, carbon
dioxide, methane and nitrous oxide absorb infrared radiation and then emit it again in all
directions, including back towards the ground. As a result, the surface and lower atmosphere are
warmer than they would be if the heat escaped directly to space. The name comes from a loose
comparison with a glass greenhouse, although a real greenhouse stays warm mainly because it stops
warm air from blowing away.

## Turning up the effect

Since the Industrial Revolution, burning coal, oil and gas, and clearing forests, have raised the
concentration of carbon dioxide in the air by roughly half. Methane levels have more than
doubled, largely because of farming, landfill sites and leaks from fossil fuel production. With
more of these gases in the air, more heat is held near the surface, and the global average
temperature has risen by more than one degree Celsius.

Water vapour adds a feedback. A warmer atmosphere holds more moisture, and because water vapour is
itself a greenhouse gas, the initial warming is amplified. Melting ice adds another feedback, as
dark ocean and land absorb more sunlight than the bright ice they replace.
""",
    },
    "comparing-sorting-algorithms.html.gz": {
        "lang": "en",
        "site": "Code Classroom",
        "title": "Comparing Sorting Algorithms",
        "author": "Jonah Whitfield",
        "date": "29 May 2024",
        "body": """
Sorting, putting items into order, is one of the most common tasks a computer performs. Search
engines rank results, spreadsheets order rows and databases prepare data so that it can be
searched quickly. Over the decades, programmers have invented many sorting methods, and comparing
them is a classic way to learn how to think about efficiency.

## Simple but slow

Insertion sort works the way many people sort a hand of playing cards. It takes the items one at
a time and slides each one leftwards into its correct place among the items already sorted. On a
short list, or one that is already nearly in order, it is quick and easy to write. On a long,
shuffled list, however, each new item may have to move past almost every earlier item, and the
total work grows with the square of the list length. Doubling the list roughly quadruples the
time.

Bubble sort, which repeatedly swaps neighbouring items that are in the wrong order, has the same
problem and is mostly used as a teaching example.

## Divide and conquer

Merge sort takes a different approach. It splits the list into two halves, sorts each half, and
then merges the two sorted halves by repeatedly taking the smaller of the two front items. Since
each level of splitting halves the problem, there are only about log n levels, and each level
does a linear amount of merging work. The total grows in proportion to n log n, which is
enormously better than n squared for large lists. A list of a million items needs about twenty
million steps instead of a trillion.

Quicksort also divides the list, by choosing a pivot and moving smaller items before it and larger
ones after it. It is usually very fast in practice, although an unlucky choice of pivots can make
it slow.

## Stability

A sort is stable if items that compare as equal keep their original order. Stability matters when
sorting by several keys, for example sorting a class list by surname after it has already been
sorted by first name, so that people with the same surname stay in alphabetical order of their
first names.
""",
    },
    "come-funziona-la-memoria.html.gz": {
        "lang": "it",
        "site": "Mente e Cervello",
        "title": "Come funziona la memoria",
        "author": "Elena Rinaldi",
        "date": "4 giugno 2024",
        "body": """
Ricordare il nome di un compagno di scuola, la strada per tornare a casa o la tabellina del sette:
sono tutte forme di memoria, ma il cervello non le tratta allo stesso modo. Gli scienziati
distinguono diversi tipi di memoria, che coinvolgono aree cerebrali differenti.

## Memoria a breve e a lungo termine

La memoria a breve termine conserva poche informazioni per pochi secondi, il tempo necessario per
comporre un numero di telefono appena letto. La sua capacità è limitata: in genere riusciamo a
tenere a mente solo pochi elementi alla volta. Se un'informazione viene ripetuta, collegata a
qualcosa che già conosciamo o carica di emozione, può passare nella memoria a lungo termine, dove
può restare per anni o per tutta la vita.

## Il ruolo dell'ippocampo

Una struttura a forma di cavalluccio marino, l'ippocampo, situata in profondità in ciascun
emisfero, è essenziale per formare nuovi ricordi di fatti ed eventi. Le persone con l'ippocampo
danneggiato possono ricordare bene il passato lontano, ma faticano a registrare esperienze nuove.
I ricordi consolidati, invece, sembrano distribuirsi nel tempo in ampie zone della corteccia
cerebrale.

## Ricordare è ricostruire

Un ricordo non è una fotografia conservata in un cassetto. Ogni volta che lo richiamiamo, il
cervello lo ricostruisce, e nel farlo può modificarlo, aggiungendo dettagli o confondendo episodi
diversi. Per questo due testimoni dello stesso fatto possono raccontarlo in modi differenti,
entrambi in buona fede.

## Come studiare meglio

La ricerca suggerisce alcune strategie efficaci. Ripassare a intervalli distanziati funziona
meglio che studiare tutto la sera prima dell'esame. Mettersi alla prova, cercando di richiamare le
informazioni senza guardare gli appunti, rafforza i ricordi più della semplice rilettura. Infine,
il sonno ha un ruolo importante: durante la notte il cervello consolida ciò che abbiamo imparato
durante il giorno.
""",
    },
}
