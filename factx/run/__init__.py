"""Run: many documents and long ones (batches, bounded concurrency, rate limits, cache, resume).

Built on ``factx.pipeline``; nothing below it may import this package.
"""
