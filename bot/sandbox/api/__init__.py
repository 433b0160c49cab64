"""The sandbox's Web API methods, one module per Slack method family.

Each module checks a method's arguments the way Slack does, acts on the
``bot.sandbox.workspace.Workspace``, and exports ``METHODS`` (Slack method name -> handler)
for the request pipeline in ``bot.sandbox.webapi``.
"""
