"""Stage 5, looking at it all: ``figures`` (plotly), ``widgets`` (ipywidgets explorers),
``highlight`` (an article with its quotes marked, as safe HTML), ``concordance`` (keyword-in-context
lines laid out for reading) and ``notebooks`` (executing the numbered notebooks into reports)."""
