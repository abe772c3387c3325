"""Feedback and recommendations (phản ánh, kiến nghị) and their answers (issue 15)."""
