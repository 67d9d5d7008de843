"""Our own invented arXiv-style papers: the LaTeX of three e-prints (files by path).

Written for this project; no text comes from arXiv or ../shared. ``arxiv_records.py`` holds the
metadata records, whose first three describe these papers.
"""

# --------------------------------------------------------------------------------------------------
# 2601.00001: a single .tex file, gzip'd (arXiv's most common shape).
# --------------------------------------------------------------------------------------------------
PAPER1 = r"""\documentclass[11pt]{article}
\usepackage{amsmath,amssymb}
\usepackage{graphicx}
% Local shorthands
\newcommand{\obs}{N_{\mathrm{obs}}}
\newcommand{\E}{\mathbb{E}}
\title{Estimating Spring Arrival Dates of Migratory Birds from Volunteer Checklists}
\author{Ana Lu\'{\i}sa Ferreira \and Tom\'a\v{s} Nov\'ak\thanks{Corresponding author.}}
\date{January 2026}

\begin{document}
\maketitle

\begin{abstract}
Volunteer birdwatchers submit millions of checklists every spring, yet turning them into a reliable
arrival date for a species at a given site is harder than it looks. Observers visit more often on
warm weekends, rare early birds are reported with great enthusiasm, and the number of checklists
grows year after year. We describe a simple estimator that models the probability of detecting a
species on a checklist as a logistic function of the day of the year, corrected for observer effort.
On twelve years of invented but realistic data for the barn swallow, the estimator recovers the
true arrival date within three days in most years, while the naive first-sighting date is biased
early by more than a week.
\end{abstract}

\section{Introduction}
\label{sec:intro}
The date on which a migratory species returns in spring is one of the oldest records kept by
naturalists. Parish registers, farm diaries and school projects all noted the first swallow or the
first cuckoo, and these long series are now used to study how migration responds to a warming
climate~\cite{sparks1999}. % TODO: add the Dutch series
The \emph{first sighting} is, however, a poor statistic. It depends on how many people are looking,
on how hard they look, and on a single unusual individual that may arrive long before the rest of the
population.

Volunteer checklist projects offer a richer source. A checklist records every species an observer
identified during a visit, together with the duration of the visit and the distance walked. Because
the absence of a species is recorded as well as its presence, the proportion of checklists that
report the species can be followed through the season. In this paper we estimate the arrival date as
the day on which that proportion reaches half of its summer plateau, and we show how to correct for
the fact that effort itself changes with the weather and the weekday.\footnote{All data in this
paper are simulated; the code that generates them is part of the supplementary material.}

\section{Model}
\label{sec:model}
Let $y_i \in \{0, 1\}$ indicate whether checklist $i$ reports the species, let $d_i$ be its day of the
year and $e_i$ the logarithm of its duration in minutes. We assume
\begin{equation}
\label{eq:logistic}
  \Pr(y_i = 1) = \frac{p_{\max}}{1 + \exp\bigl(-(d_i - \tau)/s\bigr)} \cdot \bigl(1 - e^{-\beta e_i}\bigr),
\end{equation}
where $\tau$ is the arrival date we want, $s$ controls how quickly the population builds up,
$p_{\max}$ is the summer detection rate and $\beta$ describes how detection improves with effort.
The second factor in Equation~\eqref{eq:logistic} is what distinguishes the model from a plain
logistic curve: a five-minute visit on a cold morning is far less likely to find a swallow than a
two-hour walk along a river, even when the birds are present in the same numbers.

We fit the four parameters by maximum likelihood. With $\obs$ checklists the log-likelihood is a sum
of $\obs$ terms, and its maximum is found in a fraction of a second by any quasi-Newton method. The
expected number of detections on day $d$, $\E[Y_d]$, follows directly from the fitted curve and the
effort recorded that day.

\section{Results}
\label{sec:results}
We simulated twelve seasons in which the true arrival date moved between day 95 and day 110. In each
season between 800 and 4000 checklists were drawn, with more checklists on weekends and on warm days,
and with a growing number of observers from one year to the next. Three estimators were compared:
\begin{itemize}
  \item the first day on which any checklist reported the species;
  \item the plain logistic curve, which ignores effort;
  \item the effort-corrected model of Section~\ref{sec:model}.
\end{itemize}
The first-sighting date was on average nine days earlier than the true date, and its error grew as
the number of observers increased. The plain logistic curve removed most of that bias but was pulled
towards warm weekends. The effort-corrected model was within three days of the truth in ten of the
twelve seasons (Figure~\ref{fig:errors}).

\begin{figure}[t]
  \centering
  \includegraphics[width=0.8\linewidth]{errors.pdf}
  \caption{Error of the three estimators, in days, for each simulated season.}
  \label{fig:errors}
\end{figure}

\section{Discussion}
Effort matters more than the number of checklists. A project that records only presence cannot be
corrected in this way, which is why we encourage observers to report complete lists with their
duration. The model is deliberately simple: it ignores the spatial spread of arrival across a region
and treats every observer as equally skilled. Both assumptions can be relaxed, but even the simple
version gives dates that are stable from year to year and comparable across decades.

\begin{thebibliography}{1}
\bibitem{sparks1999}
T.~Sparks. Phenology and the changing pattern of bird migration in Britain. \emph{International
Journal of Biometeorology}, 42:134--138, 1999.
\end{thebibliography}

\end{document}
"""

# --------------------------------------------------------------------------------------------------
# 2601.00002: a multi-file .tar.gz with \input, macros, theorem, align, a table and a .bbl.
# --------------------------------------------------------------------------------------------------
PAPER2_MAIN = r"""\documentclass{article}
\usepackage{amsmath,amsthm}
\input{macros}
\newtheorem{theorem}{Theorem}
\newtheorem{lemma}[theorem]{Lemma}

\title{Cache-Aware Merging of Many Sorted Runs}
\author{Priya Raman \and Jonas Weber}

\begin{document}
\maketitle
\input{sections/abstract}
\input{sections/intro.tex}
\input{sections/method}
\input{sections/missing-appendix}

\bibliographystyle{plain}
\bibliography{refs}
\end{document}
"""

PAPER2_MACROS = r"""% Shorthands used throughout the paper.
\newcommand{\ours}{\textsc{TileMerge}}
\newcommand{\runs}{k}
\newcommand{\cost}[1]{\mathrm{cost}(#1)}
\newcommand{\pair}[2][i]{\langle #1, #2\rangle}
\def\blocksize{B}
\DeclareMathOperator{\polylog}{polylog}
"""

PAPER2_ABSTRACT = r"""\begin{abstract}
External sorting ends with a merge of many sorted runs, and when the runs no longer fit in the
processor cache the merge becomes the slowest phase of the whole sort. We present \ours, a merge that
groups the runs into tiles whose heads fit in the cache together, merges each tile with a small
tournament tree and then merges the tile outputs. The number of cache misses drops from one per
element to about $1/\blocksize$ per element for up to a few thousand runs, and the merge becomes
twice as fast on the machines we measured. The method needs no tuning beyond the choice of a tile
width, and that choice turns out to be forgiving.
\end{abstract}
"""

PAPER2_INTRO = r"""\section{Introduction}
\label{sec:intro}
Sorting data that does not fit in memory is usually done in two phases. First, memory-sized chunks
are read, sorted and written back as \emph{runs}; then the runs are merged into one sorted output. The
classic analysis counts disk transfers and concludes that a single merge pass over $\runs$ runs is
optimal whenever $\runs$ buffers fit in memory~\cite{aggarwal1988}. On modern hardware the disk is
rarely the bottleneck any more. Fast solid-state drives deliver data faster than a single core can
merge it, and the merge itself becomes limited by the processor cache.

The reason is simple. A tournament tree over $\runs$ runs touches one node per level for every
element it outputs, and when $\runs$ is in the thousands the tree and the run heads no longer fit in
the first-level cache. Each output element then costs a cache miss or more. Our method, \ours,
restores locality by merging the runs in tiles. Section~\ref{sec:method} describes the algorithm and
proves a bound on its cache misses; Table~\ref{tab:speed} reports measurements.
"""

PAPER2_METHOD = r"""\section{Method}
\label{sec:method}
Let $\runs$ be the number of runs and $\blocksize$ the number of elements in a cache line. We choose a
tile width $t$ such that the heads of $t$ runs and a tournament tree over them fit in the cache
together. The runs are split into $\lceil \runs / t \rceil$ tiles; each tile is merged into a
buffer of $m$ elements, and the buffers are merged by a second, much smaller tree.

\begin{lemma}\label{lem:tile}
Merging one tile of $t$ runs into a buffer of $m$ elements causes at most $m/\blocksize + t$ cache
misses, if the tile fits in the cache.
\end{lemma}

\begin{proof}
The tree of the tile stays in the cache, so misses only occur when a run head crosses into a new cache
line or when the buffer is written. There are at most $m/\blocksize$ of the former in total, plus one
per run at the start, and the buffer is written sequentially.
\end{proof}

\begin{theorem}[Total cost]\label{thm:cost}
For $n$ elements in $\runs$ runs, the total number of cache misses of \ours is
\begin{align}
  \cost{n} &\le \frac{2n}{\blocksize} + \frac{\runs}{t}\, \polylog(n) \label{eq:total}\\
           &= O\!\left(\frac{n}{\blocksize}\right) \quad \text{for } \runs \le t \cdot \blocksize. \nonumber
\end{align}
\end{theorem}

\begin{proof}
Every element passes through two trees. By Lemma~\ref{lem:tile} the first pass costs $n/\blocksize$
misses plus a term per tile, and the second pass is a sequential read of the buffers, which costs
another $n/\blocksize$. The pairs $\pair{x}$ and $\pair[j]{y}$ compared at the root never leave the
cache, which gives Equation~\eqref{eq:total}.
\end{proof}

\begin{table}[h]
\centering
\begin{tabular}{lrr}
runs & classic (s) & tiled (s) \\
1024 & 8.1 & 4.2 \\
4096 & 11.7 & 5.0 \\
\end{tabular}
\caption{Merge time for one billion 8-byte keys.}
\label{tab:speed}
\end{table}

In practice the tile width matters less than one might fear. Any width between a few dozen and a few
hundred runs gave nearly the same speed on the three machines we tried, because the tournament tree
over a tile is small compared with the cache in every case. The second merge is so cheap that it
hardly shows up in a profile at all.
"""

PAPER2_OLD_DRAFT = r"""\documentclass{article}
\begin{document}
This is an abandoned early draft that must never be chosen as the main file.
\end{document}
"""

PAPER2_BBL = r"""\begin{thebibliography}{1}

\bibitem{aggarwal1988}
Alok Aggarwal and Jeffrey~S. Vitter.
\newblock The input/output complexity of sorting and related problems.
\newblock {\em Communications of the ACM}, 31(9):1116--1127, 1988.

\end{thebibliography}
"""

# --------------------------------------------------------------------------------------------------
# 2601.00003: a gzip'd tar named .gz (sniffed, not trusted from the name), with \include, lists,
# a description list, a paragraph heading and a verbatim block.
# --------------------------------------------------------------------------------------------------
PAPER3_MAIN = r"""\documentclass{article}
\title{How Long Do Semi-Arid Grassland Soils Remember a Wet Month?}
\author{Fatima El~Amrani \and Diego Su\'arez}
\begin{document}
\maketitle
\begin{abstract}
Soil moisture in dry grasslands keeps a memory of past rain that outlasts the rain itself by weeks.
We measure that memory at four invented field stations with a simple lagged correlation and show that
it is longest after wet spring months and shortest in midsummer.
\end{abstract}
\include{results}
\end{document}
"""

PAPER3_RESULTS = r"""\section{Stations and measurements}
The four stations lie along a rainfall gradient of about two hundred kilometres. At each station a
probe measures the volumetric water content at ten and thirty centimetres every hour, and a rain gauge
records precipitation. We aggregate both to daily means before any analysis, which removes the daily
cycle of evaporation without hiding the response to individual storms.

\paragraph{Memory.} We define the memory of a station as the number of days after which the
correlation between today's moisture anomaly and the anomaly $L$ days later falls below $1/e$. For a
first-order autoregressive process with coefficient $\phi$ this is simply $-1/\ln \phi$ days.

\section{Results}
The memory differs clearly between seasons:
\begin{enumerate}
  \item after wet months in spring it reaches 30 to 45 days at thirty centimetres;
  \item in midsummer, when evaporation is strongest, it falls to 8 to 12 days;
  \item at ten centimetres it is always about half of the value at thirty centimetres.
\end{enumerate}
Two kinds of station behave differently:
\begin{description}
  \item[Sandy sites] lose water quickly to drainage, so their memory is short in every season.
  \item[Clay sites] hold water near the surface, which lengthens the memory after heavy rain.
\end{description}
The analysis needs only a few lines of code; the core of it is shown below.
\begin{verbatim}
def memory(anomaly, max_lag=90):
    r = [corr(anomaly[:-lag], anomaly[lag:]) for lag in range(1, max_lag)]
    return next(lag for lag, v in enumerate(r, 1) if v < 1 / math.e)
\end{verbatim}
These numbers matter for drought monitoring: a wet April still supports grass growth in late May,
long after the rain has stopped, and a forecast that ignores the stored water will be too pessimistic.
"""
