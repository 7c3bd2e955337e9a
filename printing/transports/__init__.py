"""printing/transports"""
