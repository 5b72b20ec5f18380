"""Where cleaning and the NLP pass run when spread out: ``local`` (a process pool, ``--n-process``),
``cluster`` (Dask, ``--engine dask``), and ``workers`` (what each worker process runs)."""
