"""Non-English educational articles, part A: German, French, Spanish, Italian.

Keys are "<lang>_<topic>"; each article carries its own "lang".
"fr_levure" is served as windows-1252 by the generator, so it deliberately uses
characters that exist in windows-1252 but not in ISO-8859-1 (’ œ « » € …).
"""

ARTICLES = {
    "de_bienen": {
        "lang": "de",
        "title": "Wie Honigbienen miteinander sprechen",
        "author": "Katrin Vogel",
        "date": "14. Mai 2023",
        "body": """
Eine Honigbiene, die eine ergiebige Blumenwiese entdeckt hat, kann ihren Schwestern im Stock
ziemlich genau mitteilen, wo diese Futterquelle liegt. Dafür benutzt sie keine Laute, sondern
eine Art Tanz. Der österreichische Zoologe Karl von Frisch hat diese Tanzsprache in
jahrzehntelanger Arbeit entschlüsselt und dafür 1973 den Nobelpreis für Physiologie oder Medizin
erhalten.

## Der Rundtanz

Liegt die Futterquelle nahe am Stock, meist in einem Umkreis von weniger als etwa fünfzig
Metern, führt die Sammlerin einen sogenannten Rundtanz auf. Sie läuft auf der senkrechten Wabe
in kleinen Kreisen, wechselt immer wieder die Richtung und wird dabei von anderen Bienen
verfolgt, die sie mit ihren Fühlern abtasten. Der Rundtanz verrät keine Richtung. Er sagt nur,
dass es in der Nähe etwas zu holen gibt. Den genauen Ort finden die Neulinge mithilfe des
Blütendufts, den die Tänzerin an ihrem Körper trägt.

## Der Schwänzeltanz

Für weiter entfernte Ziele nutzt die Biene den Schwänzeltanz. Dabei läuft sie eine gerade
Strecke, während sie ihren Hinterleib kräftig hin und her bewegt, kehrt dann in einem Halbkreis
zum Ausgangspunkt zurück und wiederholt die gerade Strecke, abwechselnd mit einem Bogen nach
links und nach rechts. So entsteht eine Figur, die an eine Acht erinnert.

Die Richtung der Schwänzelstrecke enthält die Himmelsrichtung des Ziels. Da es im dunklen Stock
kein Sonnenlicht gibt, übersetzt die Biene den Winkel zur Sonne in einen Winkel zur Schwerkraft.
Läuft sie senkrecht nach oben, liegt die Futterquelle genau in Richtung der Sonne. Zeigt die
Strecke vierzig Grad rechts von der Senkrechten, müssen die Sammlerinnen vierzig Grad rechts von
der Sonne fliegen. Die Entfernung wiederum steckt in der Dauer der Schwänzelphase: Je länger die
Biene schwänzelt, desto weiter ist der Weg.

## Eine lernfähige Gemeinschaft

Bemerkenswert ist, dass Bienen beim Tanzen auch die Wanderung der Sonne berücksichtigen. Tanzt
eine Biene über längere Zeit, verändert sie den Winkel allmählich, obwohl sie die Sonne gar
nicht sieht. Außerdem werden besonders ergiebige Quellen mit mehr Begeisterung und häufiger
getanzt. Auf diese Weise verteilt das Volk seine Arbeitskräfte ohne zentrale Steuerung auf die
besten Blüten der Umgebung.
""",
    },
    "de_jahreszeiten": {
        "lang": "de",
        "title": "Warum es auf der Erde Jahreszeiten gibt",
        "author": "Jonas Albrecht",
        "date": "3. Juli 2023",
        "body": """
Viele Menschen glauben, dass es im Sommer warm ist, weil die Erde dann näher an der Sonne
steht. Das klingt einleuchtend, ist aber falsch. Tatsächlich ist die Erde Anfang Januar der
Sonne am nächsten, also mitten im Winter der Nordhalbkugel. Der wahre Grund für die Jahreszeiten
ist die Neigung der Erdachse.

## Die schiefe Achse

Die Achse, um die sich die Erde täglich dreht, steht nicht senkrecht auf der Ebene ihrer
Umlaufbahn, sondern ist um etwa 23,4 Grad geneigt. Diese Neigung bleibt während des ganzen Jahres
nahezu gleich und zeigt immer in dieselbe Richtung im Weltraum. Während die Erde die Sonne
umkreist, ist deshalb einmal die Nordhalbkugel und ein halbes Jahr später die Südhalbkugel der
Sonne zugewandt.

## Steile und flache Sonnenstrahlen

Ist die Nordhalbkugel zur Sonne geneigt, steht die Sonne mittags hoch am Himmel. Ihre Strahlen
treffen steil auf den Boden, und die gleiche Energiemenge verteilt sich auf eine kleine Fläche.
Der Boden erwärmt sich stark. Im Winter steht die Sonne tief, die Strahlen treffen flach auf,
und dieselbe Energie verteilt sich auf eine viel größere Fläche. Man kann das mit einer
Taschenlampe ausprobieren: Hält man sie senkrecht über einen Tisch, entsteht ein kleiner, heller
Fleck. Hält man sie schräg, wird der Lichtfleck größer und schwächer.

Hinzu kommt die Tageslänge. Im Hochsommer scheint die Sonne in Deutschland mehr als sechzehn
Stunden am Tag, im Dezember nur etwa acht. Lange Tage und hoch stehende Sonne zusammen sorgen
für die Wärme des Sommers.

## Besondere Tage im Jahr

Um den 21. Juni erreicht die Sonne mittags ihren höchsten Stand über der Nordhalbkugel. Dieser
Tag, die Sommersonnenwende, ist bei uns der längste des Jahres. Um den 21. Dezember ist es
umgekehrt. Zweimal im Jahr, im März und im September, steht die Sonne mittags genau über dem
Äquator. An diesen Tagundnachtgleichen sind Tag und Nacht überall auf der Erde ungefähr gleich
lang.

Auf der Südhalbkugel ist alles vertauscht: Wenn in Hamburg Schnee fällt, feiern die Menschen in
Sydney Weihnachten am Strand. Nahe am Äquator gibt es dagegen kaum Unterschiede in der
Temperatur. Dort unterscheidet man eher zwischen Regenzeit und Trockenzeit.
""",
    },
    "fr_ciel_bleu": {
        "lang": "fr",
        "title": "Pourquoi le ciel est-il bleu ?",
        "author": "Claire Dumont",
        "date": "8 avril 2023",
        "body": """
Par une belle journée, le ciel nous paraît d'un bleu profond, alors que la lumière du Soleil est
blanche. D'où vient donc cette couleur ? La réponse tient à la manière dont la lumière interagit
avec les molécules de l'air, un phénomène que les physiciens appellent la diffusion de Rayleigh,
du nom du savant britannique qui l'a décrit à la fin du XIXe siècle.

## Une lumière composée de couleurs

La lumière blanche du Soleil est en réalité un mélange de toutes les couleurs de l'arc-en-ciel.
Chaque couleur correspond à une longueur d'onde différente : le rouge possède les longueurs
d'onde les plus grandes, le violet et le bleu les plus courtes. On peut le constater en faisant
passer un rayon de soleil à travers un prisme, qui sépare ces couleurs les unes des autres.

## Le rôle des molécules d'air

L'atmosphère est composée surtout d'azote et d'oxygène. Ces molécules sont beaucoup plus petites
que la longueur d'onde de la lumière visible. Lorsqu'un rayon lumineux les rencontre, une partie
de la lumière est renvoyée dans toutes les directions. Or cette diffusion est bien plus forte
pour les courtes longueurs d'onde : la lumière bleue est diffusée environ cinq fois plus que la
lumière rouge. Quand nous regardons une région du ciel éloignée du Soleil, nous voyons donc
surtout cette lumière bleue, éparpillée par l'air sur des kilomètres.

On pourrait se demander pourquoi le ciel n'est pas violet, puisque le violet est encore plus
diffusé. Il y a plusieurs raisons : le Soleil émet un peu moins de violet, une partie est
absorbée en haute altitude, et surtout notre œil est bien plus sensible au bleu.

## Couchers de soleil et ciel de Mars

Le soir, la lumière du Soleil doit traverser une épaisseur d'atmosphère beaucoup plus grande pour
nous atteindre. En chemin, presque tout le bleu est diffusé sur les côtés et disparaît de notre
ligne de visée. Il reste surtout les teintes orangées et rouges, qui donnent aux couchers de
soleil leurs couleurs spectaculaires. Les poussières et les fumées renforcent encore cet effet.

Sur d'autres planètes, le ciel n'a pas la même couleur. Sur Mars, où l'atmosphère est très mince
mais chargée de fines poussières, le ciel de jour prend une teinte ocre, et les couchers de
soleil y paraissent bleutés. Comme quoi, la couleur du ciel dépend autant de ce qui flotte dans
l'air que de la lumière elle-même.
""",
    },
    "fr_etoiles": {
        "lang": "fr",
        "title": "La vie et la mort des étoiles",
        "author": "Claire Dumont",
        "date": "22 avril 2023",
        "body": """
Les étoiles semblent éternelles, mais elles naissent, vivent et meurent, sur des durées qui se
comptent en millions ou en milliards d'années. Leur destin dépend presque entièrement d'une seule
grandeur : leur masse à la naissance.

## La naissance dans un nuage

Tout commence dans un immense nuage de gaz et de poussière, composé surtout d'hydrogène. Sous
l'effet de sa propre gravité, une région plus dense du nuage se contracte. En se contractant,
elle s'échauffe. Lorsque la température au centre atteint une dizaine de millions de degrés, les
noyaux d'hydrogène commencent à fusionner pour former de l'hélium. Cette réaction libère une
énorme quantité d'énergie : une étoile est née.

## Un long équilibre

Pendant la plus grande partie de sa vie, l'étoile est en équilibre. La gravité tend à la
comprimer, tandis que la pression du gaz chauffé par les réactions nucléaires tend à la dilater.
Notre Soleil se trouve dans cette phase depuis environ 4,6 milliards d'années et devrait y rester
encore à peu près autant. Paradoxalement, les étoiles les plus massives vivent le moins
longtemps : elles brûlent leur combustible à un rythme effréné et peuvent l'épuiser en quelques
millions d'années seulement.

## La fin d'une étoile comme le Soleil

Quand l'hydrogène du cœur s'épuise, l'étoile se transforme. Ses couches extérieures gonflent et
se refroidissent : elle devient une géante rouge, assez grande pour engloutir les planètes les
plus proches. Plus tard, ces couches sont expulsées doucement dans l'espace et forment une
nébuleuse planétaire, une coquille de gaz lumineux aux formes souvent très belles. Il ne reste au
centre qu'un noyau très dense et très chaud, une naine blanche de la taille de la Terre, qui se
refroidit lentement pendant des milliards d'années.

## La fin explosive des géantes

Les étoiles au moins huit fois plus massives que le Soleil connaissent une fin bien plus
violente. Elles fabriquent dans leur cœur des éléments de plus en plus lourds, jusqu'au fer. La
fusion du fer ne libère plus d'énergie, et le cœur s'effondre brutalement sur lui-même. L'étoile
explose alors en supernova, brillant parfois autant qu'une galaxie entière pendant quelques
semaines. Le cœur restant devient une étoile à neutrons ou, pour les plus massives, un trou noir.

Ces explosions dispersent dans l'espace le carbone, l'oxygène, le fer et bien d'autres éléments.
Ils serviront à former de nouvelles étoiles et de nouvelles planètes. Le calcium de nos os et le
fer de notre sang ont donc été fabriqués, il y a très longtemps, au cœur d'étoiles aujourd'hui
disparues.
""",
    },
    "fr_levure": {
        "lang": "fr",
        "title": "Comment la levure fait lever le pain",
        "author": "Étienne Marchal",
        "date": "17 novembre 2023",
        "body": """
Pour fabriquer du pain, il suffit de farine, d’eau, de sel… et d’un organisme vivant minuscule :
la levure. Ce champignon microscopique, qu’on appelle Saccharomyces cerevisiae, est à l’œuvre
dans presque toutes les boulangeries du monde. Mais comment transforme-t-il une pâte compacte en
une mie légère et alvéolée ?

## Une fermentation

Lorsque l’on mélange la farine et l’eau, des enzymes présentes dans la farine commencent à
découper l’amidon en sucres plus simples. La levure se nourrit de ces sucres. En l’absence de
beaucoup d’oxygène, elle les transforme en gaz carbonique et en alcool : c’est la fermentation
alcoolique. Le gaz forme de petites bulles qui restent prisonnières de la pâte, et celle-ci
gonfle peu à peu.

## Le rôle du gluten

Si le gaz ne s’échappe pas, c’est grâce au gluten. En pétrissant la pâte, le boulanger organise
certaines protéines de la farine de blé en un réseau élastique. Ce réseau se comporte comme une
multitude de ballons minuscules qui s’étirent sans éclater. Une pâte mal pétrie retient mal le
gaz et donne un pain plat et dense.

## Chaleur et patience

La levure travaille mieux dans une pièce tiède, autour de 25 à 30 degrés. Trop de froid la
ralentit ; trop de chaleur, au-delà d’une cinquantaine de degrés, la tue. Au four, la chaleur
provoque une dernière poussée : les bulles se dilatent, l’alcool s’évapore, puis la levure meurt
et la croûte se forme. Les boulangers parlent alors du « coup de four ».

Une fermentation lente, menée au froid pendant toute une nuit, donne souvent un pain plus
parfumé, car d’autres micro-organismes ont le temps de produire des arômes. C’est pourquoi un bon
pain de campagne, vendu environ 4 € le kilo, demande bien plus de temps et de savoir-faire qu’on
ne l’imagine. Le cœur du métier de boulanger, c’est finalement l’art d’attendre.
""",
    },
    "es_carbono": {
        "lang": "es",
        "title": "El ciclo del carbono explicado paso a paso",
        "author": "Lucía Ferrer",
        "date": "9 de marzo de 2023",
        "body": """
El carbono es el elemento sobre el que se construye la vida. Está en los azúcares que comemos, en
las proteínas de nuestros músculos y en el ADN de cada célula. Pero la cantidad de carbono de la
Tierra es prácticamente fija, de modo que los átomos se reutilizan una y otra vez. El recorrido
que siguen entre la atmósfera, los seres vivos, los océanos y las rocas se conoce como ciclo del
carbono.

## De la atmósfera a los seres vivos

En el aire, el carbono se encuentra sobre todo en forma de dióxido de carbono. Las plantas, las
algas y algunas bacterias lo capturan mediante la fotosíntesis y lo convierten en azúcares con la
energía de la luz solar. Cuando un animal come una planta, incorpora parte de ese carbono a su
propio cuerpo. Tanto las plantas como los animales devuelven carbono a la atmósfera al respirar,
porque la respiración celular descompone los azúcares para obtener energía y libera dióxido de
carbono.

## La descomposición y el suelo

Cuando un organismo muere, hongos y bacterias descomponen sus restos. En el proceso, una parte
del carbono vuelve al aire y otra queda almacenada en el suelo en forma de materia orgánica. Los
suelos de los bosques y, sobre todo, las turberas guardan enormes cantidades de carbono
acumuladas durante miles de años.

## Océanos y rocas

Los océanos absorben dióxido de carbono directamente del aire. Parte de él se disuelve en el agua
y parte es utilizado por el plancton. Muchos organismos marinos fabrican conchas y esqueletos de
carbonato de calcio; al morir, estos restos se depositan en el fondo y, con el paso de millones
de años, forman rocas como la caliza. Este es el almacén de carbono más grande del planeta,
aunque su ciclo es lentísimo. Los volcanes devuelven poco a poco parte de ese carbono a la
atmósfera.

## La intervención humana

El carbón, el petróleo y el gas natural son restos de seres vivos enterrados hace millones de
años. Al quemarlos, liberamos en poco tiempo un carbono que había quedado fuera del ciclo rápido.
Por eso la concentración de dióxido de carbono en la atmósfera ha aumentado notablemente desde la
Revolución Industrial. Como este gas retiene el calor, su aumento está calentando el clima.
Proteger los bosques, restaurar las turberas y reducir el uso de combustibles fósiles son formas
de devolver el equilibrio a este ciclo.
""",
    },
    "es_volcan": {
        "lang": "es",
        "title": "Cómo funciona un volcán",
        "author": "Andrés Quintana",
        "date": "23 de marzo de 2023",
        "body": """
Un volcán es, en esencia, una abertura en la corteza terrestre por la que sale material fundido
del interior del planeta. Aunque solemos imaginarlo como una montaña en forma de cono con humo en
la cima, existen volcanes de formas muy distintas, y algunos ni siquiera parecen montañas.

## El origen del magma

A pocas decenas de kilómetros bajo nuestros pies, la temperatura es muy alta, pero la enorme
presión mantiene las rocas en estado casi sólido. En ciertos lugares, sin embargo, la roca se
funde y forma magma. Esto ocurre sobre todo en los límites entre placas tectónicas: donde una
placa se hunde bajo otra, el agua que arrastra consigo hace que el manto se funda con más
facilidad; donde dos placas se separan, la presión disminuye y la roca se derrite. También hay
puntos calientes, como el que alimenta los volcanes de Hawái, lejos de cualquier límite de placa.

El magma es menos denso que la roca que lo rodea, así que tiende a subir y se acumula en cámaras
magmáticas a pocos kilómetros de la superficie.

## Erupciones tranquilas y explosivas

El carácter de una erupción depende sobre todo de dos cosas: la viscosidad del magma y la
cantidad de gases disueltos en él. Un magma pobre en sílice es fluido, y los gases escapan con
facilidad. Produce coladas de lava que avanzan como ríos incandescentes, como sucede a menudo en
Hawái o en Islandia. Un magma rico en sílice, en cambio, es espeso como la miel fría. Los gases
quedan atrapados, la presión aumenta y, cuando por fin se liberan, lo hacen de forma violenta,
lanzando ceniza y fragmentos de roca a kilómetros de altura.

## Vigilar para prevenir

Los científicos no pueden predecir el momento exacto de una erupción, pero sí detectar señales de
alerta. Los pequeños terremotos indican que el magma se abre paso, el terreno puede hincharse
unos centímetros y los gases que salen del suelo cambian de composición. Gracias a estas
observaciones, las autoridades pueden evacuar a la población a tiempo.

Los volcanes también tienen un lado generoso. Las cenizas forman suelos muy fértiles, y el calor
del subsuelo se aprovecha para producir electricidad. Por eso, a pesar del peligro, millones de
personas viven a la sombra de un volcán.
""",
    },
    "it_cuore": {
        "lang": "it",
        "title": "Come funziona il cuore umano",
        "author": "Giulia Bassi",
        "date": "12 giugno 2023",
        "body": """
Il cuore è un muscolo grande più o meno quanto un pugno chiuso, eppure lavora senza sosta per
tutta la vita. In un adulto a riposo batte tra sessanta e cento volte al minuto e ogni giorno
spinge nei vasi sanguigni diverse migliaia di litri di sangue. Capire come è fatto aiuta a capire
perché è così importante prendersene cura.

## Quattro cavità

All'interno il cuore è diviso in due metà, destra e sinistra, separate da una parete muscolare.
Ogni metà comprende una cavità superiore, l'atrio, e una inferiore, il ventricolo. La metà destra
riceve il sangue povero di ossigeno che torna dal corpo e lo invia ai polmoni. Qui il sangue cede
anidride carbonica e si carica di ossigeno, poi ritorna alla metà sinistra, che lo pompa in tutto
l'organismo attraverso l'aorta, l'arteria più grande del corpo. Per questo la parete del
ventricolo sinistro è molto più spessa di quella del destro: deve vincere una resistenza
maggiore.

## Le valvole

Perché il sangue scorra in una sola direzione, il cuore dispone di quattro valvole, che si aprono
e si chiudono come porte a senso unico. Il caratteristico suono del battito, che il medico
ascolta con lo stetoscopio, è prodotto proprio dalla chiusura delle valvole. Se una valvola non
si chiude bene, una parte del sangue torna indietro e il cuore deve faticare di più.

## Un ritmo elettrico

Il battito non dipende direttamente dal cervello. Nell'atrio destro si trova un piccolo gruppo di
cellule specializzate, il nodo seno-atriale, che produce impulsi elettrici regolari e funziona
come un pacemaker naturale. L'impulso si diffonde prima negli atri, che si contraggono, e poi,
con un breve ritardo, nei ventricoli. Il sistema nervoso e alcuni ormoni, come l'adrenalina,
possono però accelerare o rallentare il ritmo, per esempio durante lo sport o in un momento di
paura. L'elettrocardiogramma registra proprio questa attività elettrica.

## Mantenerlo in salute

Le malattie del cuore e dei vasi sono tra le principali cause di morte nel mondo, ma molte si
possono prevenire. L'attività fisica regolare, un'alimentazione ricca di verdura e povera di
grassi saturi, il non fumare e il controllo della pressione arteriosa riducono sensibilmente il
rischio. Anche dormire a sufficienza e gestire lo stress fanno la loro parte.
""",
    },
    "it_rinascimento": {
        "lang": "it",
        "title": "Firenze e la nascita del Rinascimento",
        "author": "Marco Ferretti",
        "date": "26 giugno 2023",
        "body": """
Nel Quattrocento Firenze era una città di qualche decina di migliaia di abitanti, ricca grazie al
commercio della lana, alla seta e soprattutto alle banche. In pochi decenni divenne il centro di
un profondo rinnovamento dell'arte e del pensiero che gli storici chiamano Rinascimento. Ma
perché proprio Firenze?

## Denaro, famiglie e concorrenza

Le grandi famiglie di mercanti e banchieri, come i Medici, investivano parte delle loro ricchezze
in opere d'arte, chiese e palazzi. Commissionare una cappella o una pala d'altare era un modo per
mostrare il proprio prestigio e, allo stesso tempo, per guadagnarsi meriti religiosi. Anche le
corporazioni dei mestieri, le cosiddette arti, facevano a gara per decorare la città. Questa
concorrenza offriva lavoro e occasioni a pittori, scultori e architetti.

## Il ritorno all'antico

Gli umanisti fiorentini studiavano con passione i testi degli autori greci e latini, cercando nei
monasteri manoscritti dimenticati. Erano convinti che l'antichità offrisse modelli di bellezza,
di saggezza e di impegno civile. Gli artisti, dal canto loro, misuravano le rovine romane per
capirne le proporzioni.

## Nuovi modi di vedere

Filippo Brunelleschi, orafo e architetto, realizzò la grande cupola del Duomo, un'impresa che
molti ritenevano impossibile, e studiò le regole della prospettiva lineare. Grazie alla
prospettiva, i pittori poterono rappresentare lo spazio in modo convincente su una superficie
piana. Masaccio applicò queste regole nei suoi affreschi, dando alle figure un peso e una
solidità mai visti prima. Donatello rinnovò la scultura, e il suo David in bronzo fu uno dei
primi nudi a tutto tondo dall'epoca antica.

## Un'eredità europea

Nel corso del secolo successivo le idee nate a Firenze si diffusero in tutta Italia e poi in
Europa, aiutate anche dalla stampa. Artisti come Leonardo da Vinci e Michelangelo, che si erano
formati a Firenze, portarono il loro talento a Milano, a Roma e oltre. Ancora oggi, passeggiando
tra il Duomo, Palazzo Vecchio e gli Uffizi, si ha l'impressione di camminare dentro un libro di
storia dell'arte.
""",
    },
}
