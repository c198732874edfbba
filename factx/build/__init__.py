"""Build: code's event records, once per text: mentions with their dates, figures, time and place,
folded into one record per real-world event (coreference) and ranked by salience.

The draft the model reads, and what stands where the model says nothing; the model's verdicts
apply to it as a pure function (``apply``). No model calls here and no checks of model answers.
"""
