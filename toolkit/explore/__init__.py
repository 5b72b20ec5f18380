"""Stage 5, looking at it all: ``figures`` (plotly), ``widgets`` (ipywidgets explorers),
``highlight`` (an article with its quotes marked, as safe HTML) and ``notebooks`` (executing
the numbered notebooks into reports)."""
