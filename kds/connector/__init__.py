"""kds/connector"""
