"""Two invented books dressed as Project Gutenberg plain-text files, one per header style.

The books, their authors and the ebook numbers are invented; so is the wording of the licence
paragraphs, which only imitate the shape of the real ones (marker lines, a "START: FULL LICENSE"
block) so that a reader must find and remove them. ``OLD_STYLE`` is written as ISO-8859-1 with
CRLF line ends, ``NEW_STYLE`` as UTF-8 with a BOM and LF line ends. The old-style book is short
(about 4 KB); the new-style one is of realistic length (about 63 KB of text, ``orchard.py``).
"""

from . import orchard

OLD_NUMBER, NEW_NUMBER = 90001, 90002

OLD_BODY = """A WINTER AT GULL HARBOUR

NOTES FROM A LIGHTHOUSE KEEPER'S DAUGHTER

BY EDITH MARROW


[Illustration: The harbour light in a north-easterly gale]


CHAPTER I.

THE LAMP ROOM.

My father kept the light at Gull Harbour for twenty-two winters, and for
eleven of them I climbed the hundred and four steps beside him every
evening at dusk. The lamp room smelled of paraffin, brass polish and
wet wool, and from its narrow gallery one could see the whole sweep of
the bay, the fishing boats drawn up on the shingle and the grey line of
the breakwater running out into the sea.

The work was never finished. The great lens had to be wiped of salt
each morning, the wicks trimmed, the clockwork that turned the light
wound every few hours through the night. My father kept a log in a
careful copperplate hand: the wind, the state of the sea, the ships
that passed and the hour at which the lamp was lit and put out. He
used to say that a keeper who let the log slip would soon let the
light slip too, and I have never found a reason to doubt him.


CHAPTER II.

THE STORM OF FEBRUARY.

In the second week of February the glass fell lower than my father had
ever seen it. By noon the spray was breaking over the gallery rail, and
the whole tower shuddered when the larger seas struck the rocks below.
We ate our supper standing up, and my mother sent me to fill every lamp
and lantern in the house in case the shore road was cut.

That night a coal brig, the _Margaret Hale_, was driven in towards the
point. We watched her lights for an hour, rising and falling, always a
little nearer. My father would not leave the lamp, for it was the only
mark by which her master could judge his distance from the rocks, so it
was I who ran down to the village to rouse the lifeboat crew. The
innkeeper, a Breton called Gérard who had settled in the harbour years
before, lit the signal fire on the quay, and the boat was launched
within the quarter hour.

They brought off all nine of her crew before dawn. The brig herself
went ashore on the sand beyond the point and lay there until the spring
tides lifted her. For years afterwards her captain sent my father a
letter every Christmas, and I still keep the last of them, thanking the
keeper "and his daughter, who runs faster than any telegraph."


CHAPTER III.

SPRING.

When the weather turned, the harbour came back to life. The boats went
out for herring, the café on the quay opened its shutters, and the
summer visitors began to arrive with their easels and their field
glasses. None of them, I think, ever imagined the winter nights when
the whole of the bay depended on one small flame and one tired man to
keep it burning."""

NEW_BODY = orchard.BODY

OLD_HEADER = """The Project Gutenberg EBook of A Winter at Gull Harbour, by Edith Marrow

This eBook may be read, shared and copied by anyone, anywhere, at no
cost. The terms of the Project Gutenberg License that travel with this
eBook, or that can be read online at www.gutenberg.org, apply to every
copy.


Title: A Winter at Gull Harbour
       Notes from a Lighthouse Keeper's Daughter

Author: Edith Marrow

Release Date: March 3, 2004 [EBook #90001]

Language: English

Character set encoding: ISO-8859-1

*** START OF THIS PROJECT GUTENBERG EBOOK A WINTER AT GULL HARBOUR ***




Produced by the Sample Data Volunteers and the Online
Distributed Proofreading Team.



"""

OLD_FOOTER = """



End of the Project Gutenberg EBook of A Winter at Gull Harbour, by Edith Marrow

*** END OF THIS PROJECT GUTENBERG EBOOK A WINTER AT GULL HARBOUR ***

***** This file should be named 90001-8.txt or 90001-8.zip *****
This and all associated files of various formats will be found in:
        http://www.gutenberg.org/9/0/0/0/90001/

Produced by the Sample Data Volunteers and the Online
Distributed Proofreading Team.

Updated editions replace earlier ones, and the earlier editions are
renamed.

*** START: FULL LICENSE ***

THE FULL PROJECT GUTENBERG LICENSE
PLEASE READ THIS BEFORE YOU SHARE OR USE THIS WORK

Section 1. Using and sharing Project Gutenberg-tm works

1.A. Reading or copying any part of this Project Gutenberg-tm eBook
means that you accept the terms of this license. If you do not accept
them, you must stop using the eBook and delete every copy you hold.

1.B. "Project Gutenberg" is a registered trademark. It may only be
used with an electronic work by people who agree to these terms.

Section 2. The mission of Project Gutenberg-tm

Project Gutenberg-tm works are made and shared by volunteers, and the
Project Gutenberg Literary Archive Foundation looks after the
collection for future readers.

*** END: FULL LICENSE ***
"""

NEW_HEADER = """Title: The Patient Orchard

Author: Thomas Ellery

Release date: May 14, 2021 [eBook #90002]
                Most recently updated: January 2, 2024

Language: English

Credits: Sample Data Volunteers


*** START OF THE PROJECT GUTENBERG EBOOK THE PATIENT ORCHARD ***


"""

NEW_FOOTER = """


*** END OF THE PROJECT GUTENBERG EBOOK THE PATIENT ORCHARD ***



Updated editions replace earlier ones, and the earlier editions are
renamed.

This eBook comes from a work that is in the public domain in the United
States, so it may be copied and shared without permission or payment.
The Project Gutenberg™ name and trademark, however, may only be used
under the terms of the license below.

START: FULL LICENSE

THE FULL PROJECT GUTENBERG LICENSE

PLEASE READ THIS BEFORE YOU SHARE OR USE THIS WORK

Section 1. Using and sharing Project Gutenberg™ electronic works

1.A. Reading or copying any part of this Project Gutenberg™ work means
that you accept the terms of this license. If you do not accept them,
you must stop using the work and delete every copy you hold.

Section 2. Information about Project Gutenberg™

Project Gutenberg™ depends on volunteers and on gifts of every size.
Updated information can be found at www.gutenberg.org.
"""
