"""kds/ui"""
