"""Non-English educational articles, part B: Portuguese, Dutch, Russian, Chinese, Japanese.

Chinese and Japanese paragraphs are written one per line (they are joined without spaces).
"""

ARTICLES = {
    "pt_cafe": {
        "lang": "pt",
        "title": "A história do café no Brasil",
        "author": "Renata Albuquerque",
        "date": "15 de agosto de 2023",
        "body": """
O café não é originário do Brasil. A planta vem das terras altas da Etiópia, e a bebida
popularizou-se primeiro no Iêmen e no mundo árabe, antes de conquistar a Europa no século XVII.
Ainda assim, nenhum país ficou tão ligado ao café quanto o Brasil, que há mais de um século é o
maior produtor mundial.

## A chegada das primeiras mudas

Segundo a tradição, as primeiras mudas chegaram ao Brasil em 1727, trazidas da Guiana Francesa
pelo oficial Francisco de Melo Palheta. No início, o café era cultivado em pequena escala, em
hortas e quintais. Foi só no começo do século XIX que as plantações se expandiram, primeiro no
vale do rio Paraíba, entre o Rio de Janeiro e São Paulo, onde o clima e o relevo se mostraram
favoráveis.

## O ciclo do café

Durante boa parte do século XIX, o café tornou-se o principal produto de exportação do país. As
grandes fazendas dependiam do trabalho de pessoas escravizadas, e a riqueza gerada concentrou-se
nas mãos dos cafeicultores, que passaram a ter enorme influência política. Com o tempo, o solo do
vale do Paraíba se esgotou, e as plantações avançaram para o oeste paulista, onde a terra roxa
era muito fértil.

Após a abolição da escravidão, em 1888, os fazendeiros passaram a contratar imigrantes,
sobretudo italianos, mas também espanhóis, portugueses e, mais tarde, japoneses. Essa imigração
transformou a cultura e a população do estado de São Paulo.

## Ferrovias e cidades

Para levar os grãos até o porto de Santos, foram construídas ferrovias que cortaram o interior
paulista. Ao longo delas surgiram novas cidades, e a capital, São Paulo, cresceu rapidamente com
o dinheiro do café, que financiou bancos, comércio e as primeiras indústrias.

## Crise e diversificação

A dependência de um único produto tinha riscos. Em 1929, a quebra da bolsa de Nova York derrubou
os preços, e o governo chegou a queimar milhões de sacas para tentar sustentar o valor do café. A
crise incentivou o país a diversificar a economia. Hoje o Brasil continua a ser o maior produtor
mundial, mas o café divide espaço com a soja, a carne e muitos outros produtos.
""",
    },
    "pt_irracionais": {
        "lang": "pt",
        "title": "O que são números irracionais?",
        "author": "Paulo Henrique Matos",
        "date": "29 de agosto de 2023",
        "body": """
Desde cedo aprendemos a trabalhar com frações, como um meio ou três quartos. Números que podem
ser escritos como a divisão de dois números inteiros são chamados racionais. Durante muito tempo,
pensou-se que todos os comprimentos e todas as quantidades poderiam ser expressos dessa forma. A
descoberta de que isso não é verdade foi uma das grandes surpresas da matemática antiga.

## Uma diagonal incômoda

Imagine um quadrado com lados de comprimento um. Pelo teorema de Pitágoras, a diagonal mede a
raiz quadrada de dois. Os matemáticos gregos mostraram que esse número não pode ser escrito como
uma fração. A demonstração clássica é por absurdo: supõe-se que a raiz de dois é igual a uma
fração já simplificada, com numerador e denominador sem fatores comuns. Elevando ao quadrado,
conclui-se que o numerador tem de ser par. Mas, nesse caso, o denominador também tem de ser par,
o que contradiz a hipótese de que a fração estava simplificada. Logo, a suposição inicial era
falsa.

## Decimais que nunca se repetem

Uma forma prática de reconhecer os números irracionais é olhar para a sua representação decimal.
Os números racionais têm decimais que terminam, como 0,25, ou que se repetem para sempre em
blocos, como 0,333 ou 0,142857142857, em que os mesmos algarismos voltam sem parar. Os
irracionais têm infinitas casas decimais sem nenhum padrão periódico. A raiz de dois começa com
1,41421356, e nenhuma sequência de algarismos se repete indefinidamente.

## Exemplos famosos

O número pi, que relaciona o perímetro de uma circunferência com o seu diâmetro, é irracional,
como foi demonstrado no século XVIII. O mesmo acontece com o número e, base dos logaritmos
naturais, que aparece no estudo do crescimento populacional e dos juros compostos. Também é
irracional a razão áurea, aproximadamente 1,618, muito citada na arte e na arquitetura.

## Mais irracionais do que racionais

Pode parecer que os irracionais são exceções, mas é o contrário. No século XIX, Georg Cantor
mostrou que, num sentido preciso, existem muito mais números irracionais do que racionais. Se
escolhêssemos um ponto ao acaso na reta numérica, a probabilidade de cair num número racional
seria zero. As frações, tão familiares, são na verdade uma parte minúscula dos números reais.
""",
    },
    "nl_dijken": {
        "lang": "nl",
        "title": "Hoe dijken Nederland droog houden",
        "author": "Sanne de Vries",
        "date": "4 september 2023",
        "body": """
Ongeveer een kwart van Nederland ligt onder de zeespiegel, en zonder bescherming zou een groot
deel van het land regelmatig onder water lopen. Dat het grootste deel van de bevolking toch droge
voeten houdt, is te danken aan een uitgebreid stelsel van dijken, duinen, gemalen en
stormvloedkeringen dat in de loop van vele eeuwen is opgebouwd.

## Van terpen tot dijken

De eerste bewoners van de kustgebieden wierpen heuvels op, terpen of wierden genoemd, waarop ze
hun huizen bouwden. Bij hoog water bleven die heuvels droog. Rond het jaar 1000 begon men dijken
aan te leggen die hele stukken land omsloten. Zo ontstonden polders: gebieden waarvan de
waterstand kunstmatig wordt geregeld. Omdat veengrond inklinkt wanneer hij wordt ontwaterd,
zakte het land achter de dijken langzaam steeds verder weg.

## Molens en gemalen

Regenwater en kwelwater moeten voortdurend uit de polders worden gepompt. Vanaf de vijftiende
eeuw deden windmolens dat werk; ze brachten het water trapsgewijs omhoog naar hoger gelegen
vaarten en rivieren. Later namen stoomgemalen en daarna elektrische en dieselgemalen de taak
over. Vandaag de dag zorgen duizenden gemalen ervoor dat de waterstand overal precies goed
blijft.

## De ramp van 1953

In de nacht van 31 januari op 1 februari 1953 viel een zware noordwesterstorm samen met springtij.
Op veel plaatsen in Zeeland, Zuid-Holland en West-Brabant bezweken de dijken. Meer dan 1800
mensen kwamen om het leven en grote delen van het land liepen onder. Na de ramp besloot de
regering tot de Deltawerken: een reeks dammen, sluizen en stormvloedkeringen die de kust
aanzienlijk korter en veiliger maakten. De Oosterscheldekering, die bij storm kan worden gesloten
maar normaal open staat zodat het getij en de natuur behouden blijven, is daarvan het bekendste
voorbeeld.

## Nieuwe uitdagingen

Door de stijgende zeespiegel en de bodemdaling blijft waterveiligheid een blijvende opgave.
Waterschappen, de oudste democratische bestuursorganen van het land, controleren en versterken de
dijken voortdurend. Steeds vaker kiest men ook voor oplossingen waarbij rivieren meer ruimte
krijgen, zodat ze bij hoog water veilig kunnen overstromen in daarvoor aangewezen gebieden.
""",
    },
    "nl_fiets": {
        "lang": "nl",
        "title": "Waarom de fiets zo populair is in Nederland",
        "author": "Pieter Jansen",
        "date": "18 september 2023",
        "body": """
Nederland telt meer fietsen dan inwoners. Volgens schattingen zijn er ruim 23 miljoen fietsen op
een bevolking van bijna achttien miljoen mensen. Kinderen fietsen naar school, volwassenen naar
hun werk, en ook ministers worden geregeld op de fiets gezien. Hoe is dat zo gekomen?

## Een vlak en dichtbevolkt land

Het ligt voor de hand om eerst naar het landschap te kijken. Nederland is grotendeels vlak, en
steden en dorpen liggen dicht bij elkaar. Veel dagelijkse verplaatsingen zijn korter dan vijf
kilometer, een afstand die op de fiets in een kwartier is af te leggen. Toch is de vlakke bodem
niet de hele verklaring: ook in andere vlakke landen wordt veel minder gefietst.

## Keuzes in de jaren zeventig

Na de Tweede Wereldoorlog nam het autoverkeer snel toe. Steden maakten plaats voor brede wegen en
parkeerplaatsen, en het aantal verkeersdoden steeg sterk, ook onder kinderen. In de jaren
zeventig ontstond daartegen brede maatschappelijke actie. Bovendien maakte de oliecrisis van 1973
duidelijk hoe afhankelijk het land was van brandstof; er werden zelfs autoloze zondagen
ingevoerd. Gemeenten en de rijksoverheid begonnen daarna systematisch te investeren in fietspaden
en in veiligere straten.

## Infrastructuur die uitnodigt

Tegenwoordig beschikt Nederland over tienduizenden kilometers vrijliggende fietspaden, gescheiden
van het autoverkeer. Kruispunten zijn zo ontworpen dat fietsers goed zichtbaar zijn, en in
woonwijken geldt vaak een lage maximumsnelheid. Bij stations staan enorme fietsenstallingen; die
in Utrecht biedt plaats aan ruim twaalfduizend fietsen. Ook de wetgeving helpt: bij een
aanrijding tussen een auto en een fietser is de automobilist in de regel aansprakelijk voor een
groot deel van de schade.

## Gezond en voordelig

Fietsen is goedkoop, stil en gezond. Onderzoek laat zien dat de dagelijkse beweging op de fiets
de Nederlandse volksgezondheid merkbaar ten goede komt. De laatste jaren winnen elektrische
fietsen snel terrein, waardoor ook ouderen en mensen die verder van hun werk wonen langere
afstanden fietsen. Zo blijft de fiets, ruim een eeuw na zijn opkomst, een vanzelfsprekend
onderdeel van het Nederlandse dagelijks leven.
""",
    },
    "ru_solnechnaya": {
        "lang": "ru",
        "title": "Как устроена Солнечная система",
        "author": "Анна Соколова",
        "date": "10 октября 2023",
        "body": """
Солнечная система — это Солнце и все тела, которые вращаются вокруг него под действием его
притяжения: восемь планет, их спутники, карликовые планеты, астероиды, кометы и огромное
количество пыли. На долю самого Солнца приходится больше 99 процентов всей массы системы, поэтому
именно оно определяет движение всех остальных тел.

## Планеты земной группы

Ближе всего к Солнцу находятся четыре небольшие каменные планеты: Меркурий, Венера, Земля и Марс.
У них твёрдая поверхность, железное ядро и сравнительно немного спутников. Меркурий почти лишён
атмосферы, и днём его поверхность раскаляется, а ночью сильно остывает. Венера, напротив, окутана
плотной атмосферой из углекислого газа, из-за которой температура на ней выше, чем на Меркурии,
хотя она дальше от Солнца. Марс холоднее Земли, его атмосфера очень разрежена, но на поверхности
видны следы древних рек и озёр.

## Планеты-гиганты

За поясом астероидов, который лежит между Марсом и Юпитером, начинаются владения гигантов.
Юпитер и Сатурн состоят в основном из водорода и гелия и не имеют твёрдой поверхности в
привычном смысле. Юпитер — самая большая планета: внутри него поместилось бы больше тысячи таких
планет, как Земля. Сатурн знаменит своими кольцами из льда и камней. Ещё дальше находятся Уран и
Нептун. В их составе много льдов — замёрзшей воды, аммиака и метана, поэтому их иногда называют
ледяными гигантами.

## Окраины системы

За орбитой Нептуна тянется пояс Койпера — область, где движутся тысячи ледяных тел. Среди них и
Плутон, который с 2006 года считается карликовой планетой. Ещё дальше, по предположениям учёных,
находится облако Оорта — огромная сферическая оболочка из ледяных ядер комет. Иногда одно из
таких тел меняет орбиту и направляется к Солнцу. Нагреваясь, оно выпускает газ и пыль, и тогда на
небе появляется комета с длинным хвостом.

## Как всё началось

Считается, что Солнечная система образовалась около 4,6 миллиарда лет назад из облака газа и
пыли. Облако сжималось, в центре вспыхнуло Солнце, а из вращающегося вокруг него диска постепенно
слиплись планеты. Вблизи горячего Солнца могли сохраниться только каменные породы и металлы, а
вдали, где было холодно, к ним добавлялись льды. Этим и объясняется различие между внутренними и
внешними планетами.
""",
    },
    "ru_tok": {
        "lang": "ru",
        "title": "Что такое электрический ток",
        "author": "Игорь Белов",
        "date": "24 октября 2023",
        "body": """
Мы пользуемся электричеством каждый день: включаем свет, заряжаем телефон, готовим еду на
электрической плите. Но что на самом деле происходит в проводах, когда мы нажимаем на
выключатель?

## Движение зарядов

Электрический ток — это упорядоченное движение заряженных частиц. В металлах такими частицами
служат электроны. В куске меди огромное количество электронов не привязано к отдельным атомам и
свободно блуждает внутри металла. Пока к проводу ничего не подключено, они движутся хаотично, во
все стороны одинаково, и никакого тока нет. Если же подключить провод к батарейке, внутри него
возникает электрическое поле, и электроны начинают понемногу смещаться в одном направлении.

Любопытно, что сами электроны движутся очень медленно — обычно меньше миллиметра в секунду. Лампа
загорается мгновенно потому, что электрическое поле распространяется по проводу почти со
скоростью света и приводит в движение электроны сразу по всей цепи.

## Напряжение, сила тока и сопротивление

Чтобы описать ток, используют три основные величины. Напряжение, которое измеряется в вольтах,
показывает, насколько сильно источник «толкает» заряды. Сила тока, измеряемая в амперах, говорит
о том, какой заряд проходит через провод за секунду. Сопротивление, измеряемое в омах,
характеризует, насколько трудно зарядам пройти через проводник. Эти величины связаны законом Ома:
сила тока равна напряжению, делённому на сопротивление. Если увеличить напряжение, ток возрастёт,
а если увеличить сопротивление, он уменьшится.

Часто помогает сравнение с водопроводом. Напряжение похоже на давление воды, сила тока — на
количество воды, протекающей по трубе за секунду, а сопротивление — на узость трубы.

## Постоянный и переменный ток

Батарейка даёт постоянный ток: заряды всё время движутся в одну сторону. В розетке же ток
переменный — его направление меняется много раз в секунду. В России и в большинстве стран Европы
частота составляет 50 герц, то есть направление меняется сто раз за секунду. Переменный ток
удобно передавать на большие расстояния, потому что его напряжение легко повышать и понижать с
помощью трансформаторов.

## Безопасность

Человеческое тело тоже проводит ток, и даже небольшой ток, проходящий через сердце, может быть
опасен. Поэтому нельзя трогать оголённые провода, пользоваться неисправными приборами и
прикасаться к электроприборам мокрыми руками.
""",
    },
    "zh_yuexiang": {
        "lang": "zh",
        "title": "月亮为什么会有圆缺",
        "author": "林晓雯",
        "date": "2023年9月28日",
        "body": """
每到农历十五前后，一轮圆月挂在夜空中；而在月初，我们却只能看到一弯细细的月牙，甚至完全看不到月亮。月亮本身的形状并没有改变，那么它为什么会有圆缺变化呢？

## 月亮自己不会发光

月亮是一个不透明的岩石球体，本身并不发光。我们看到的月光，其实是月球表面反射的太阳光。无论什么时候，月球总有一半被太阳照亮，另一半处在黑暗之中。月相的变化，取决于我们从地球上能看到被照亮的那一半中的多少。

## 月球绕地球运行

以太阳为参照，月球大约每二十九天半绕地球转一圈。当月球运行到太阳和地球之间时，它被照亮的一面背对着我们，我们几乎看不到它，这就是新月，也叫“朔”。随后，月球慢慢转到一侧，被照亮的部分逐渐露出来，先是傍晚西边天空中的一弯娥眉月，然后是一半亮的上弦月。当月球转到地球的另一侧，与太阳遥遥相对时，被照亮的一面完全朝向地球，我们便看到了满月，也叫“望”。此后，亮的部分一天天减少，经过下弦月和残月，又回到新月，开始新的循环。

## 农历与月相

中国传统的农历就是根据月相来安排的。每个月的初一是朔日，十五或十六前后是望日。古人观察月亮的圆缺来计算日子，中秋节、元宵节等节日都选在月圆之夜。不过，单纯按月相计算的一年只有三百五十四天左右，比地球绕太阳一周短了大约十一天。为了让历法与季节保持一致，农历每隔两三年就要加一个闰月。

## 月食与月相的区别

有人会把月相和月食混为一谈，其实二者完全不同。月相是因为观察角度不同而产生的，每个月都会发生；月食则是地球挡住了照向月球的阳光，只有在满月时，太阳、地球和月球几乎排成一条直线，才有可能出现。由于月球的轨道与地球绕太阳的轨道之间有一个小小的夹角，所以并不是每次满月都会发生月食。
""",
    },
    "zh_zaozhi": {
        "lang": "zh",
        "title": "造纸术的发明与传播",
        "author": "周建国",
        "date": "2023年10月12日",
        "body": """
造纸术是中国古代的重要发明之一，与指南针、火药和印刷术一起被称为“四大发明”。在纸出现以前，人们把文字写在甲骨、青铜器、竹简、木牍和丝帛上。竹简又重又占地方，丝帛虽然轻便，却十分昂贵，普通人很难用得起。

## 蔡伦改进造纸术

考古发现表明，早在西汉时期，中国就已经出现了用麻类纤维制成的纸，但质量比较粗糙，不太适合书写。东汉时期，宦官蔡伦总结了前人的经验，用树皮、麻头、破布和旧渔网等原料造纸。公元一〇五年，他把改进后的造纸方法献给朝廷。这种纸原料便宜、容易获得，纸张也更加平整耐用，人们便称它为“蔡侯纸”。

## 纸是怎样造出来的

传统造纸大致要经过以下几个步骤：先把原料切碎，在水中浸泡，再加入草木灰等碱性物质蒸煮，使纤维分散；然后反复舂捣，制成纸浆；接着用竹帘在纸浆中一捞，让纤维均匀地铺在帘子上，滤去水分，形成一层薄薄的湿纸；最后把湿纸压平、晒干或烘干，一张纸就做成了。这种方法在中国的一些地方一直沿用到今天，安徽的宣纸就是著名的例子。

## 走向世界

造纸术先后传到朝鲜、日本和越南等邻近地区。公元七五一年，唐朝军队与阿拉伯军队在中亚的怛罗斯发生战争，据说一些被俘的唐朝工匠把造纸技术带到了撒马尔罕，此后巴格达等城市相继建起了造纸作坊。十二世纪前后，造纸术经由北非传入欧洲。纸张的普及，为后来欧洲印刷业的兴起打下了基础。

## 影响深远

纸的出现大大降低了书写和保存文字的成本，使书籍更容易抄写和流传，知识也因此能够传播给更多的人。可以说，没有纸，就很难有后来文化、教育和科学的繁荣。今天，虽然电子屏幕越来越普及，但纸仍然是我们日常生活中不可缺少的材料。
""",
    },
    "ja_jishin": {
        "lang": "ja",
        "title": "地震が起こるしくみ",
        "author": "山本 恵子",
        "date": "2023年11月2日",
        "body": """
日本は世界でも特に地震の多い国です。小さな揺れまで含めると、日本のどこかで毎日のように地震が起きています。では、地震はなぜ起こるのでしょうか。

## プレートの動き

地球の表面は、プレートと呼ばれる十数枚の厚い岩の板でおおわれています。プレートは一年に数センチメートルというゆっくりした速さで動いており、となり合うプレートどうしは押し合ったり、すれ違ったりしています。日本列島の周りでは、太平洋プレート、フィリピン海プレート、北アメリカプレート、ユーラシアプレートの四つがぶつかり合っています。これが、日本に地震が多い大きな理由です。

## 海溝型地震と活断層の地震

海のプレートが陸のプレートの下に沈みこむところでは、陸のプレートの先端が少しずつ引きずりこまれ、ひずみがたまっていきます。やがてひずみが限界をこえると、陸のプレートが一気にはね上がり、大きな地震が起こります。これを海溝型地震といいます。このとき海底が大きく動くと、津波が発生することがあります。

一方、陸のプレートの内部にも、押す力によって岩盤がずれた跡である断層がたくさんあります。そのうち、最近も活動をくり返していて、これからも動く可能性があるものを活断層とよびます。活断層による地震は、震源が浅いことが多く、真上の地域では激しい揺れになります。

## マグニチュードと震度

地震の大きさを表すことばには、マグニチュードと震度の二つがあります。マグニチュードは地震そのもののエネルギーの大きさを表し、一つの地震に一つの値が決まります。マグニチュードが一大きくなると、エネルギーは約三十二倍になります。これに対して震度は、それぞれの場所でどれくらい強く揺れたかを表すもので、日本では気象庁が十段階で発表しています。同じ地震でも、震源から遠い場所では震度が小さくなります。

## 日ごろの備え

地震がいつ起こるかを正確に予知することは、今の科学ではできません。だからこそ、家具を固定する、非常用の水や食料を用意する、家族と避難場所を確認しておくなど、ふだんからの備えが大切です。
""",
    },
    "ja_niji": {
        "lang": "ja",
        "title": "虹ができるしくみ",
        "author": "佐藤 健太",
        "date": "2023年11月16日",
        "body": """
雨上がりの空に、七色の虹がかかっているのを見たことがあるでしょう。虹は、太陽の光と空気中の小さな水滴がつくり出す自然の芸術です。

## 太陽の光には色がかくれている

太陽の光は白っぽく見えますが、実はさまざまな色の光が混ざり合ったものです。ガラスでできたプリズムに光を通すと、赤、だいだい、黄、緑、青、あい、むらさきの色の帯に分かれます。これは、光がガラスに入るときや出るときに折れ曲がる角度、つまり屈折の角度が、色によって少しずつちがうためです。むらさきの光はよく曲がり、赤い光はあまり曲がりません。

## 水滴はプリズムの役目をする

雨上がりの空気中には、無数の小さな水滴がただよっています。太陽の光が水滴に入ると、まず屈折し、水滴の内側で一回反射して、もう一度屈折して外に出てきます。このとき、色ごとに出ていく角度がわずかにちがうため、光が色に分かれるのです。赤い光は太陽と反対の方向から約四十二度、むらさきの光は約四十度の角度で私たちの目にとどきます。そのため、虹はいつも外側が赤、内側がむらさきになっています。

## 虹が見える条件

虹を見るためには、太陽を背にして、前方の空に水滴がたくさんある必要があります。ですから、朝は西の空に、夕方は東の空に虹が現れます。太陽が高くのぼる真昼には、虹は地平線より下にかくれてしまうので、ふつうは見えません。

ときには、虹の外側にもう一本、うすい虹が見えることがあります。これは副虹とよばれ、水滴の中で光が二回反射してできるものです。副虹では色の順番が逆になり、内側が赤になります。

## 自分で虹をつくってみよう

晴れた日に太陽を背にして、ホースで霧状の水をまいてみましょう。水しぶきの中に、小さな虹が見えるはずです。身近な道具で、自然のしくみを確かめることができます。
""",
    },
}
