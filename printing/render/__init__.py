"""printing/render"""
