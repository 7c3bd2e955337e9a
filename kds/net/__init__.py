"""kds/net"""
