-- One metric's weight, floor, target and minimum n in a scorecard weights version.
insert into scorecard_weight_rules (version, metric_code, weight, floor_value, target_value, min_n)
values ($version, $metric_code, $weight, $floor_value, $target_value, $min_n)
