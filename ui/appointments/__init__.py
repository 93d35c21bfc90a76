"""预约服务: the day's appointment slots and bookings, booking, check-in into the queue, cancelling,
and (managers) opening slots."""
