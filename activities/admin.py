from unionhub.admin import register_school_owned

register_school_owned("activities")
