"""kds/store"""
