"""Content negotiation that always answers JSON, whatever Accept says."""

from rest_framework.negotiation import DefaultContentNegotiation


class JSONOnlyNegotiation(DefaultContentNegotiation):
    def select_renderer(self, request, renderers, format_suffix=None):
        # The contract has one media type per response; a 406 is never declared.
        return (renderers[0], renderers[0].media_type)
