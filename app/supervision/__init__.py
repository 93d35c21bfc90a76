"""电子监察, 问题台账 and 自查自纠: what went wrong, who takes it up, and the report."""
