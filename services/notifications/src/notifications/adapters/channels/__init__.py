"""Delivery channels behind the `ChannelSender` port: e-mail, SMS gateway, messaging app, in-app inbox."""
