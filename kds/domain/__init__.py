"""kds/domain"""
