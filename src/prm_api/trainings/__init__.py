"""Trainings: courses with modules and graded quizzes, enrollments and progress."""
